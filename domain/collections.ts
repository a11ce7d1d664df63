/** The ten RxDB collections of DESIGN §4; each holds several document kinds. */
export const COLLECTION_NAMES = [
  'org',
  'catalog',
  'timetable',
  'questions',
  'homework',
  'courses',
  'site',
  'notices',
  'receipts',
  'events',
] as const

export type CollectionName = (typeof COLLECTION_NAMES)[number]

export function isCollectionName(name: string): name is CollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(name)
}
