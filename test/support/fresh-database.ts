import pg from 'pg'

export interface FreshDatabase {
  url: string
  drop(): Promise<void>
}

/** A database of its own on the server of `url`, so parallel runs never share documents or seqs. */
export async function freshDatabase(url: string, prefix = 'campus_desk_instances'): Promise<FreshDatabase> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(sql).finally(() => client.end())
  }
  await admin(`CREATE DATABASE ${name}`)
  const own = new URL(url)
  own.pathname = `/${name}`
  return { url: own.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}
