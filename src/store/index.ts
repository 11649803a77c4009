// The store's public surface: the contract, key layout, election, and
// openStore(), which picks the backend from the daemon's config slice.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from './store.js';

export * from './store.js';
export * from './keys.js';
export { campaign, currentLeader, observeLeader, type Leadership } from './election.js';
export { followPrefix, type FollowHandlers } from './follow.js';

/** Opens the configured backend; the embedded one lives in <dataDir>/store. */
export async function openStore(cfg: Pick<Config, 'store' | 'dataDir'>, deps: { clock: Clock }): Promise<Store> {
  // each backend is loaded only when chosen (etcd3 alone costs ~10 MB of RSS)
  if (cfg.store.backend === 'embedded') {
    const { openEmbeddedStore } = await import('./embedded/index.js');
    return openEmbeddedStore({ dataDir: join(cfg.dataDir, 'store'), clock: deps.clock });
  }
  const { openEtcdStore } = await import('./etcd/index.js');
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
