// The store's public surface: the contract, key layout, election, and
// openStore(), which picks the backend from the daemon's config slice.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Clock } from '../lib/clock.js';
import { openEmbeddedStore } from './embedded/index.js';
import { openEtcdStore } from './etcd/index.js';
import type { Store } from './store.js';

export * from './store.js';
export * from './keys.js';
export { campaign, currentLeader, observeLeader, type Leadership } from './election.js';

/** Opens the configured backend; the embedded one lives in <dataDir>/store. */
export async function openStore(cfg: Pick<Config, 'store' | 'dataDir'>, deps: { clock: Clock }): Promise<Store> {
  if (cfg.store.backend === 'embedded') {
    return openEmbeddedStore({ dataDir: join(cfg.dataDir, 'store'), clock: deps.clock });
  }
  const e = cfg.store.etcd;
  const [ca, cert, key] = await Promise.all([e.caFile, e.certFile, e.keyFile].map((f) => (f ? readFile(f) : Promise.resolve(undefined))));
  return openEtcdStore({
    endpoints: [...e.endpoints],
    ca,
    cert,
    key,
    clock: deps.clock,
    requestTimeoutMs: e.requestTimeoutMs,
  });
}
