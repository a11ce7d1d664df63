const MAX_EXTERNAL_URL_LENGTH = 2048

/**
 * Whether `shell.openExternal` may open `url`: only http(s) with a host and without credentials. Anything else
 * (`file:`, `javascript:`, `smb:`, custom schemes) could run programs or leak NTLM hashes through the OS.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return false
  const parsed = URL.parse(url)
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return false
  return parsed.hostname !== '' && !parsed.username && !parsed.password
}
