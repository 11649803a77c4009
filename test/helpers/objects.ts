// An object server on a real embedded store, without a daemon: for tests of
// one subsystem (the gossip recorder, the node registrar) against the real
// store, cache and validation.

import { systemClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/log.js';
import { KINDS } from '../../src/resources/index.js';
import { ObjectCache, ObjectServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';

export interface TestObjects extends AsyncDisposable {
  readonly store: Store;
  readonly objects: ObjectServer;
}

/** opens an embedded store in `dataDir`, fills its cache and makes the built-in namespaces */
export async function startObjects(dataDir: string): Promise<TestObjects> {
  const store = await openStore({ dataDir, store: { backend: 'embedded' } as never }, { clock: systemClock });
  const cache = new ObjectCache({ store, clock: systemClock, log: silentLogger() }, KINDS);
  await cache.start();
  const objects = new ObjectServer({ store, clock: systemClock, log: silentLogger(), cache });
  await objects.ensureBuiltinNamespaces();
  return {
    store,
    objects,
    async [Symbol.asyncDispose]() {
      await cache.stop();
      await store.close();
    },
  };
}
