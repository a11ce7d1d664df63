import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { AccountDeriver } from '../accounts/deriver.ts'

declare module 'fastify' {
  interface FastifyInstance {
    accounts: AccountDeriver
  }
}

/** Keeps accounts derived from the address book (docs/sync-server.md "Accounts from the address book"). */
const accounts: FastifyPluginAsync = async (app) => {
  const deriver = new AccountDeriver(app.store, {
    onError: (schoolId, error) => app.log.error({ err: error, schoolId }, 'deriving accounts failed'),
    onDisabled: (accountIds) => app.sessionStreams.endAccounts(accountIds),
  })
  await deriver.start()
  app.decorate('accounts', deriver)
  app.addHook('onClose', async () => deriver.stop())
}

export default fp(accounts, { name: 'accounts', dependencies: ['store', 'realtime'] })
