// The embedded backend: the Store contract in-process, persisted under a data
// dir with a write-ahead log and snapshots (see store.ts for how the parts fit,
// wal-reader.ts for the recovery rules). Single-node only; the daemon's
// default and what tests use instead of mocks.

import { mkdir } from 'node:fs/promises';
import { InvalidArgumentError } from '../../errors.js';
import { systemClock, type Clock } from '../../lib/clock.js';
import { lockDataDir } from './lock.js';
import { recover } from './recovery.js';
import { EmbeddedStore, type StoreLog } from './store.js';

export { EmbeddedStore, type EmbeddedStoreStats, type StoreLog } from './store.js';
export { CorruptionError } from './errors.js';
export type { RecoveryReport } from './recovery.js';

export interface EmbeddedStoreOptions {
  /** directory holding the WAL, snapshots and LOCK; created when missing */
  readonly dataDir: string;
  /** time source for lease expiry and bookmarks; default the system clock */
  readonly clock?: Clock;
  /** fdatasync every commit; default true. false trades durability for speed (tests, scratch stores) */
  readonly fsync?: boolean;
  /** WAL records between snapshots; default 10,000 */
  readonly snapshotEvery?: number;
  /**
   * revisions of history kept for reads at past revisions and watch resume;
   * older history is compacted automatically. Default 10,000; Infinity keeps
   * everything until compact() is called.
   */
  readonly historyLimit?: number;
  /** a pino-style logger (info on snapshots and lease expiry, warn on repaired files) */
  readonly log?: StoreLog;
}

/**
 * Opens (creating if needed) the store in `dataDir`: takes the dir lock,
 * loads the newest snapshot, replays the WAL after it (cutting off a torn
 * tail), and starts a new WAL segment. Rejects with FailedPreconditionError
 * when another store holds the dir (in this or another live process) and
 * with CorruptionError when the files are damaged other than at the tail.
 * Leases found on disk expire one TTL after this open unless revoked first.
 */
export async function openEmbeddedStore(opts: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const snapshotEvery = opts.snapshotEvery ?? 10_000;
  const historyLimit = opts.historyLimit ?? 10_000;
  if (!Number.isSafeInteger(snapshotEvery) || snapshotEvery < 1) {
    throw new InvalidArgumentError([{ path: 'snapshotEvery', message: `${snapshotEvery} is not a positive integer` }]);
  }
  if (historyLimit !== Infinity && (!Number.isSafeInteger(historyLimit) || historyLimit < 1)) {
    throw new InvalidArgumentError([{ path: 'historyLimit', message: `${historyLimit} is not a positive integer or Infinity` }]);
  }
  const fsync = opts.fsync ?? true;
  await mkdir(opts.dataDir, { recursive: true });
  const lock = await lockDataDir(opts.dataDir);
  try {
    const { state, nextSegment, report } = await recover(opts.dataDir, fsync);
    if (report.truncated) opts.log?.warn({ ...report.truncated }, 'embedded store: cut off a torn wal tail (never acknowledged)');
    const settings = { dataDir: opts.dataDir, clock: opts.clock ?? systemClock, fsync, snapshotEvery, historyLimit, log: opts.log };
    return await EmbeddedStore.start(settings, state, lock, nextSegment, report);
  } catch (err) {
    await lock.release();
    throw err;
  }
}
