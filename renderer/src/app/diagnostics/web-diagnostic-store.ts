import { Dexie, type DexieOptions, type EntityTable } from 'dexie'

interface StoredLog {
  id: 'log'
  text: string
}

type DiagnosticDatabase = Dexie & { logs: EntityTable<StoredLog, 'id'> }

/** Web mode's diagnostic log (issue 19 §8): one row in an IndexedDB database of its own, apart from any session. */
export const DIAGNOSTIC_DATABASE = 'campus-desk-diagnostics'

export function webDiagnosticStore(storage: Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'> = {}) {
  let database: DiagnosticDatabase | null = null
  // Opened on first use: most sessions never log anything.
  const open = (): DiagnosticDatabase => {
    if (!database) {
      database = new Dexie(DIAGNOSTIC_DATABASE, storage) as DiagnosticDatabase
      database.version(1).stores({ logs: 'id' })
    }
    return database
  }
  return {
    load: async (): Promise<string | null> => (await open().logs.get('log'))?.text ?? null,
    save: async (text: string): Promise<void> => void (await open().logs.put({ id: 'log', text })),
  }
}
