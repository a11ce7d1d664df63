const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/** A file size for people: 1024-based, one decimal at most from KB on (`812 B`, `1.5 KB`, `12 MB`). */
export function formatSize(bytes: number, locale: string): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  const digits = unit === 0 ? 0 : 1
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)
  return `${number} ${UNITS[unit]}`
}
