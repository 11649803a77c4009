// The etcd backend of the Store contract (../store.ts). This folder is the
// only importer of etcd3 in the project; everything outside sees Store.
//
// etcd3 1.1.x is used only for its generated gRPC service clients, channel
// credentials and host list. Its higher layers are avoided on purpose:
//   - WatchManager/Watcher: a compacted watch emits 'error' after 'connected',
//     and close() with a live watcher can loop. Ours: watch.ts, one raw Watch
//     stream per watch, cancelled before the client closes.
//   - Lease: 'lost' can fire late. Ours: lease.ts, with our own deadline.
//   - the default fault policies (3 retries + circuit breaker): a retried Txn
//     may already have committed. Ours: connection.ts retries only requests
//     that never left or that are idempotent.
//   - STM (isolation-level const enums are undefined at run time) and
//     lock() (a try-lock): not used; election lives in ../election.ts.
//
// Time: `clock` drives lease deadlines, keep-alive cadence and reconnect
// backoff; gRPC deadlines are wall-clock instants (grpc-js compares them with
// Date.now()), so a fake clock does not move them.

import { systemClock, type Clock } from '../../lib/clock.js';
import { UnavailableError, isFlotillaError } from '../../errors.js';
import { ROOT } from '../keys.js';
import type { Store } from '../store.js';
import { EtcdConnection } from './connection.js';
import { EtcdStore } from './etcd-store.js';

export interface EtcdStoreOptions {
  /** client URLs, e.g. ['http://10.0.0.1:2379', ...]; https:// with TLS material */
  readonly endpoints: readonly string[];
  /** PEM CA bundle that signed the etcd server certificates (TLS) */
  readonly ca?: Buffer;
  /** PEM client certificate (mTLS), with `key` */
  readonly cert?: Buffer;
  /** PEM client private key (mTLS) */
  readonly key?: Buffer;
  readonly clock?: Clock;
  /** how long openEtcdStore waits for an endpoint to answer, ms; default 5000 */
  readonly dialTimeoutMs?: number;
  /** deadline of every unary request, retries included, ms; default 5000 */
  readonly requestTimeoutMs?: number;
  /** gRPC keepalive ping interval on busy connections, ms; 10000-30000, default 15000 */
  readonly keepaliveTimeMs?: number;
}

/**
 * Connects to etcd and returns a Store once an endpoint has answered a
 * linearizable read. Rejects with UnavailableError when none answers within
 * `dialTimeoutMs` (the client is closed again). Close the store with
 * `close()` or `await using`.
 */
export async function openEtcdStore(opts: EtcdStoreOptions): Promise<Store> {
  const clock = opts.clock ?? systemClock;
  const dialTimeoutMs = opts.dialTimeoutMs ?? 5_000;
  const keepaliveTimeMs = Math.min(30_000, Math.max(10_000, opts.keepaliveTimeMs ?? 15_000));
  const conn = new EtcdConnection({
    endpoints: opts.endpoints,
    ...(opts.ca ? { ca: opts.ca } : {}),
    ...(opts.cert ? { cert: opts.cert } : {}),
    ...(opts.key ? { key: opts.key } : {}),
    requestTimeoutMs: opts.requestTimeoutMs ?? 5_000,
    keepaliveTimeMs,
    clock,
  });
  const store = new EtcdStore(conn, clock);
  const deadline = Date.now() + dialTimeoutMs;
  for (;;) {
    try {
      await conn.unary('KV', 'range', { key: Buffer.from(ROOT), count_only: true }, {
        what: 'etcd connect',
        idempotent: true,
        timeoutMs: Math.max(1, deadline - Date.now()),
      });
      return store;
    } catch (err) {
      if (!isFlotillaError(err, 'UNAVAILABLE') || Date.now() >= deadline) {
        await store.close();
        throw isFlotillaError(err, 'UNAVAILABLE')
          ? new UnavailableError(`etcd: no endpoint of ${opts.endpoints.join(', ')} answered within ${dialTimeoutMs} ms`, { cause: err })
          : err;
      }
      await clock.sleep(100);
    }
  }
}

export { GrpcCallError, mapEtcdError } from './errors.js';
