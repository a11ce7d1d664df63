import { connect, createServer, type Socket } from 'node:net'

/** A TCP proxy in front of PostgreSQL that can lose the answer to a statement the database did run. */
export interface AnswerDroppingProxy {
  /** `url` with its host and port replaced by the proxy's. */
  url: string
  /**
   * The next connection to send a simple query of exactly `statement` has it delivered, and is then cut as its
   * answer comes back, before the client sees any of it.
   */
  dropAnswerTo(statement: string): void
  close(): Promise<void>
}

/** A simple query message as PostgreSQL's wire protocol carries it: `Q`, its length, the NUL-terminated text. */
function simpleQuery(statement: string): Buffer {
  const text = Buffer.from(`${statement}\0`)
  const length = Buffer.alloc(4)
  length.writeInt32BE(4 + text.length)
  return Buffer.concat([Buffer.from('Q'), length, text])
}

export async function startAnswerDroppingProxy(databaseUrl: string): Promise<AnswerDroppingProxy> {
  const target = new URL(databaseUrl)
  let armed: Buffer | null = null
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const database = connect(Number(target.port || 5432), target.hostname)
    for (const socket of [client, database]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => undefined)
    }
    let cutOnAnswer = false
    client.on('data', (chunk: Buffer) => {
      if (armed && chunk.includes(armed)) {
        armed = null
        cutOnAnswer = true
      }
      database.write(chunk)
    })
    database.on('data', (chunk: Buffer) => {
      if (!cutOnAnswer) return void client.write(chunk)
      client.destroy()
      database.destroy()
    })
    client.on('close', () => database.destroy())
    database.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || !address) throw new Error('the proxy has no port')
  const url = new URL(databaseUrl)
  url.hostname = '127.0.0.1'
  url.port = String(address.port)
  return {
    url: url.toString(),
    dropAnswerTo: (statement) => (armed = simpleQuery(statement)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
