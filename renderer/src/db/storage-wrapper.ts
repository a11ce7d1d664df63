import type { RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb'

type InstanceOf<Internals, Options> = RxStorageInstance<Record<string, unknown>, Internals, Options>

/** A storage whose every instance, once created, is handed to `wrap`, which returns the instance the app uses. */
export function wrapStorageInstances<Internals, Options>(
  storage: RxStorage<Internals, Options>,
  wrap: (
    instance: InstanceOf<Internals, Options>,
    params: RxStorageInstanceCreationParams<Record<string, unknown>, Options>,
  ) => InstanceOf<Internals, Options> | Promise<InstanceOf<Internals, Options>>,
): RxStorage<Internals, Options> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params)
      const typedParams = params as unknown as RxStorageInstanceCreationParams<
        Record<string, unknown>,
        Options
      >
      return (await wrap(
        instance as unknown as InstanceOf<Internals, Options>,
        typedParams,
      )) as unknown as typeof instance
    },
  }
}
