// EmbeddedStore: the Store contract in-process, persisted under one data dir.
// It composes the parts and owns the order of things: a write is validated
// and applied to the state machine synchronously (so txn compares always see
// every earlier write), its record is appended to the WAL, and the caller is
// answered once the record is durable. Reads and watches see only the durable
// revision, so nothing a crash could undo is ever visible. The store also
// owns the background work: the one lease-expiry timer, snapshots every
// `snapshotEvery` records, and compaction beyond `historyLimit`.
//
// A WAL I/O failure fails the store for good: `closed` resolves with the
// error, watches fail with it, and every later call throws it.

import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CompactedError,
  FailedPreconditionError,
  FlotillaError,
  IllegalStateError,
  InvalidArgumentError,
  RevisionConflictError,
  ShutdownError,
  UnavailableError,
} from '../../errors.js';
import type { Clock, Timer } from '../../lib/clock.js';
import type {
  Compare,
  DeleteOptions,
  DeleteResult,
  KeyValue,
  Lease,
  ListOptions,
  ListResult,
  PutOptions,
  ReadOptions,
  Store,
  Txn,
  TxnResult,
  WatchEvent,
  WatchOptions,
  WriteResult,
} from '../store.js';
import { listDataDir, segmentName, snapshotName } from './files.js';
import { EmbeddedLease, type LeaseOwner } from './lease-handle.js';
import type { DirLock } from './lock.js';
import { toKeyValue } from './mvcc.js';
import { encodeRecord, type WalRecord } from './records.js';
import type { RecoveryReport } from './recovery.js';
import { captureSnapshot, encodeSnapshot, writeSnapshot } from './snapshot.js';
import type { StoreState, TxnOutcome } from './state.js';
import { checkKey, checkValue, parseRevision } from './txn.js';
import { WatchHub } from './watch-hub.js';
import { WalWriter } from './wal.js';

/** the subset of a pino logger the store uses */
export interface StoreLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface EmbeddedStoreSettings {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly fsync: boolean;
  readonly snapshotEvery: number;
  readonly historyLimit: number;
  readonly log: StoreLog | undefined;
}

export interface EmbeddedStoreStats {
  /** WAL frames written, each one write + one fdatasync (group commit: fewer than records) */
  readonly walFrames: number;
  readonly walRecords: number;
  /** the WAL segment being appended to */
  readonly walSegment: number;
  /** snapshots written */
  readonly snapshots: number;
  /** keys with retained history, live or deleted */
  readonly keys: number;
  readonly watchers: number;
  readonly leases: number;
}

type Status = 'open' | 'closing' | 'closed' | 'failed';

export class EmbeddedStore implements Store, LeaseOwner {
  readonly backend = 'embedded';
  /** resolves (never rejects) once the store is closed: undefined, or the error that failed it */
  readonly closed: Promise<Error | undefined>;
  /** what open() found and repaired */
  readonly recovery: RecoveryReport;

  #status: Status = 'open';
  #failure: Error | undefined;
  #resolveClosed!: (err: Error | undefined) => void;
  #closing: Promise<void> | undefined;
  readonly #state: StoreState;
  readonly #hub: WatchHub;
  #wal!: WalWriter;
  /** the newest revision whose record is durable; reads and watches stop here */
  #durable: number;
  /** handles of leases granted by this process, by id */
  readonly #handles = new Map<string, EmbeddedLease>();
  #leaseTimer: Timer | undefined;
  #leaseTimerAt = Infinity;
  readonly #background = new Set<Promise<void>>();
  #recordsSinceSnapshot = 0;
  #isSnapshotting = false;
  #snapshots = 0;

  private constructor(
    private readonly settings: EmbeddedStoreSettings,
    state: StoreState,
    private readonly lock: DirLock,
    report: RecoveryReport,
  ) {
    this.#state = state;
    this.recovery = report;
    this.#durable = state.mvcc.revision;
    this.#hub = new WatchHub(state.mvcc, () => this.#durable, settings.clock);
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  /** @internal used by openEmbeddedStore once recovery is done and the lock is held */
  static async start(
    settings: EmbeddedStoreSettings,
    state: StoreState,
    lock: DirLock,
    nextSegment: number,
    report: RecoveryReport,
  ): Promise<EmbeddedStore> {
    const store = new EmbeddedStore(settings, state, lock, report);
    store.#wal = await WalWriter.create(settings.dataDir, nextSegment, {
      fsync: settings.fsync,
      onDurable: (rev) => store.#onDurable(rev),
      onFailure: (err) => store.#fail(err),
    });
    const now = settings.clock.now();
    for (const lease of state.leases.values()) lease.expiresAt = now + lease.ttlSeconds * 1000;
    store.#armLeaseTimer();
    return store;
  }

  /** counters since open, for metrics and tests */
  stats(): EmbeddedStoreStats {
    const wal = this.#wal.stats;
    return {
      walFrames: wal.frames,
      walRecords: wal.records,
      walSegment: this.#wal.segment,
      snapshots: this.#snapshots,
      keys: this.#state.mvcc.keyCount,
      watchers: this.#hub.size,
      leases: this.#state.leases.size,
    };
  }

  // ---- reads ----

  async get(key: string, opts?: ReadOptions): Promise<KeyValue | undefined> {
    this.#checkOpen(opts?.signal);
    checkKey(key);
    return toKeyValue(this.#state.mvcc.at(key, this.#readRevision(opts?.revision)));
  }

  async list(prefix: string, opts?: ListOptions): Promise<ListResult> {
    this.#checkOpen(opts?.signal);
    if (typeof prefix !== 'string') throw new InvalidArgumentError([{ path: 'prefix', message: 'must be a string' }]);
    const limit = opts?.limit ?? 0;
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new InvalidArgumentError([{ path: 'limit', message: `${limit} is not a non-negative integer` }]);
    }
    if (opts?.startAfter !== undefined && typeof opts.startAfter !== 'string') {
      throw new InvalidArgumentError([{ path: 'startAfter', message: 'must be a string' }]);
    }
    const rev = this.#readRevision(opts?.revision);
    const { entries, more } = this.#state.mvcc.range(prefix, rev, opts?.startAfter, limit);
    return { items: entries.map((e) => toKeyValue(e)!), revision: String(rev), more };
  }

  async revision(opts?: { signal?: AbortSignal }): Promise<string> {
    this.#checkOpen(opts?.signal);
    return String(this.#durable);
  }

  async compactRevision(opts?: { signal?: AbortSignal }): Promise<string> {
    this.#checkOpen(opts?.signal);
    return String(this.#state.mvcc.compactRevision);
  }

  /** revision '0' or undefined: the durable revision (as etcd reads 0 as "now") */
  #readRevision(revision: string | undefined): number {
    if (revision === undefined) return this.#durable;
    const rev = parseRevision(revision, 'revision');
    if (rev === 0) return this.#durable;
    if (rev > this.#durable) {
      throw new FlotillaError('OUT_OF_RANGE', `revision ${rev} is in the future (the current revision is ${this.#durable})`);
    }
    const compacted = this.#state.mvcc.compactRevision;
    if (rev < compacted) throw new CompactedError(revision, String(compacted));
    return rev;
  }

  // ---- writes ----

  async put(key: string, value: Uint8Array, opts?: PutOptions): Promise<WriteResult> {
    this.#checkOpen(opts?.signal);
    checkKey(key);
    checkValue(value);
    const compares = this.#expectation(key, opts?.expectedRevision);
    const out = this.#state.runTxn({ compares, success: [{ type: 'put', key, value, lease: opts?.lease }] });
    if (!out.succeeded) {
      await this.#settle(out);
      throw new RevisionConflictError(key, opts!.expectedRevision!);
    }
    return { revision: String(await this.#settle(out)) };
  }

  async delete(key: string, opts?: DeleteOptions): Promise<DeleteResult> {
    this.#checkOpen(opts?.signal);
    checkKey(key);
    const compares = this.#expectation(key, opts?.expectedRevision);
    const out = this.#state.runTxn({ compares, success: [{ type: 'delete', key }] });
    const revision = String(await this.#settle(out));
    if (!out.succeeded) throw new RevisionConflictError(key, opts!.expectedRevision!);
    const r = out.results[0];
    return { revision, deleted: r.type === 'delete' ? r.deleted : 0 };
  }

  async deletePrefix(prefix: string, opts?: { signal?: AbortSignal }): Promise<DeleteResult> {
    this.#checkOpen(opts?.signal);
    const out = this.#state.runTxn({ compares: [], success: [{ type: 'deletePrefix', prefix }] });
    const revision = String(await this.#settle(out));
    const r = out.results[0];
    return { revision, deleted: r.type === 'deletePrefix' ? r.deleted : 0 };
  }

  async txn(txn: Txn, opts?: { signal?: AbortSignal }): Promise<TxnResult> {
    this.#checkOpen(opts?.signal);
    const out = this.#state.runTxn(txn);
    const revision = String(await this.#settle(out));
    return { succeeded: out.succeeded, revision, results: out.results };
  }

  /** '0': the key must be absent; otherwise its modRevision must match */
  #expectation(key: string, expected: string | undefined): Compare[] {
    if (expected === undefined) return [];
    const rev = parseRevision(expected, 'expectedRevision');
    return rev === 0
      ? [{ key, target: 'version', op: '=', value: '0' }]
      : [{ key, target: 'modRevision', op: '=', value: String(rev) }];
  }

  /**
   * Persists what a txn wrote and waits until it is durable; a txn that wrote
   * nothing waits until everything it may have read is durable. Resolves with
   * the txn's revision.
   */
  async #settle(out: TxnOutcome): Promise<number> {
    if (out.record) await this.#persist(out.record, out.revision);
    else await this.#wal.barrier().catch((err: unknown) => this.#rethrow(err));
    return out.revision;
  }

  /** appends a record already applied to the state; resolves once durable */
  #persist(record: WalRecord, revision: number): Promise<void> {
    const done = this.#wal.append((w) => encodeRecord(w, record), revision);
    this.#recordsSinceSnapshot++;
    this.#maybeSnapshot();
    return done.catch((err: unknown) => this.#rethrow(err));
  }

  #rethrow(err: unknown): never {
    throw this.#failure ?? err;
  }

  #onDurable(rev: number): void {
    if (rev <= this.#durable) return;
    this.#durable = rev;
    this.#hub.notify();
    this.#maybeAutoCompact();
  }

  // ---- watches ----

  /**
   * As in the contract; fromRevision undefined or '0' starts after the durable
   * revision at the call. Events are shared between watchers (watch-hub.ts):
   * treat their bytes as read-only. Throws FAILED_PRECONDITION once closed.
   */
  watch(prefix: string, opts: WatchOptions): AsyncIterable<WatchEvent> {
    this.#checkOpen();
    if (typeof prefix !== 'string') throw new InvalidArgumentError([{ path: 'prefix', message: 'must be a string' }]);
    const interval = opts.bookmarkIntervalMs ?? 0;
    if (!(interval >= 0) || !Number.isFinite(interval)) {
      throw new InvalidArgumentError([{ path: 'bookmarkIntervalMs', message: `${interval} is not a duration in ms` }]);
    }
    const from = opts.fromRevision === undefined ? 0 : parseRevision(opts.fromRevision, 'fromRevision');
    return this.#hub.watch({
      prefix,
      fromRevision: from === 0 ? this.#durable + 1 : from,
      prevValues: opts.prevValues === true,
      bookmarkIntervalMs: interval,
      signal: opts.signal,
    });
  }

  // ---- compaction and snapshots ----

  async compact(revision: string, opts?: { signal?: AbortSignal }): Promise<void> {
    this.#checkOpen(opts?.signal);
    const rev = parseRevision(revision, 'revision');
    await this.#persist(this.#state.compact(rev, this.#durable), 0);
  }

  #maybeAutoCompact(): void {
    const limit = this.settings.historyLimit;
    if (!Number.isFinite(limit) || this.#status !== 'open') return;
    const slack = Math.max(1, Math.floor(limit / 8));
    if (this.#durable - this.#state.mvcc.compactRevision <= limit + slack) return;
    const record = this.#state.compact(this.#durable - limit, this.#durable);
    this.#track(this.#persist(record, 0));
  }

  #maybeSnapshot(): void {
    if (this.#recordsSinceSnapshot < this.settings.snapshotEvery || this.#isSnapshotting || this.#status !== 'open') return;
    this.#recordsSinceSnapshot = 0;
    this.#isSnapshotting = true;
    this.#track(this.#snapshot().finally(() => (this.#isSnapshotting = false)));
  }

  /**
   * Takes a snapshot of everything appended so far. The WAL rotates at this
   * exact point and the state is captured in the same synchronous step, so the
   * snapshot covers precisely the segments before the new one; those are
   * deleted once the snapshot is durable.
   */
  async #snapshot(): Promise<void> {
    const { dataDir, fsync, log } = this.settings;
    const rotated = this.#wal.rotate();
    const image = captureSnapshot(this.#state);
    const chunks = await encodeSnapshot(image);
    const seq = await rotated;
    const path = await writeSnapshot(dataDir, seq, chunks, fsync);
    const listing = await listDataDir(dataDir);
    for (const s of listing.segments) if (s < seq) await unlink(join(dataDir, segmentName(s)));
    for (const s of listing.snapshots) if (s < seq) await unlink(join(dataDir, snapshotName(s)));
    this.#snapshots++;
    log?.info({ path, revision: image.revision }, 'embedded store snapshot written');
  }

  /** owns a background task until it settles; its failure is logged (WAL failures already failed the store) */
  #track(p: Promise<void>): void {
    const task = p.catch((err: unknown) => {
      if (this.#status === 'open') this.settings.log?.error({ err }, 'embedded store background task failed');
    });
    this.#background.add(task);
    void task.finally(() => this.#background.delete(task));
  }

  // ---- leases ----

  async grantLease(ttlSeconds: number, opts?: { signal?: AbortSignal }): Promise<Lease> {
    this.#checkOpen(opts?.signal);
    if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) {
      throw new InvalidArgumentError([{ path: 'ttlSeconds', message: `${ttlSeconds} is not a positive whole number of seconds` }]);
    }
    const { lease, record } = this.#state.grantLease(ttlSeconds, Infinity);
    const handle = new EmbeddedLease(this, lease.id, ttlSeconds);
    this.#handles.set(lease.id, handle);
    await this.#persist(record, 0);
    return handle;
  }

  /** @internal LeaseOwner */
  abandonLease(id: string): void {
    const lease = this.#state.leases.get(id);
    if (this.#status !== 'open' || !lease || lease.expiresAt !== Infinity) return;
    lease.expiresAt = this.settings.clock.now() + lease.ttlSeconds * 1000;
    this.#armLeaseTimer();
  }

  /** @internal LeaseOwner */
  async revokeLease(id: string): Promise<void> {
    if (this.#status !== 'open') return;
    const handle = this.#handles.get(id);
    this.#handles.delete(id);
    const res = this.#state.revokeLease(id);
    if (res) {
      this.#armLeaseTimer();
      await this.#persist(res.record, res.revision);
    }
    handle?.markLost(new ShutdownError(`lease ${id} revoked`));
  }

  #armLeaseTimer(): void {
    const at = this.#state.leases.nextExpiry();
    if (at === this.#leaseTimerAt) return;
    this.#leaseTimer?.cancel();
    this.#leaseTimer = undefined;
    this.#leaseTimerAt = at;
    if (at === Infinity || this.#status !== 'open') return;
    const clock = this.settings.clock;
    this.#leaseTimer = clock.setTimer(Math.max(0, at - clock.now()), () => {
      this.#leaseTimer = undefined;
      this.#leaseTimerAt = Infinity;
      this.#expireLeases();
    });
  }

  #expireLeases(): void {
    if (this.#status !== 'open') return;
    for (const lease of this.#state.leases.due(this.settings.clock.now())) {
      const res = this.#state.revokeLease(lease.id)!;
      const handle = this.#handles.get(lease.id);
      this.#handles.delete(lease.id);
      this.#track(
        this.#persist(res.record, res.revision).then(() => {
          handle?.markLost(new FailedPreconditionError(`lease ${lease.id} expired after ${lease.ttlSeconds}s without keep-alive`));
        }),
      );
      this.settings.log?.info({ lease: lease.id, keys: res.record.type === 'lease-revoke' ? res.record.keys.length : 0 }, 'lease expired');
    }
    this.#armLeaseTimer();
  }

  // ---- lifecycle ----

  #checkOpen(signal?: AbortSignal): void {
    if (this.#status === 'failed') throw this.#failure!;
    if (this.#status !== 'open') throw new IllegalStateError('embedded store is closed');
    signal?.throwIfAborted();
  }

  #fail(err: Error): void {
    if (this.#status !== 'open' && this.#status !== 'closing') return;
    const failure = new UnavailableError(`embedded store failed: ${err.message}`, { cause: err });
    this.#failure = failure;
    this.#status = 'failed';
    this.settings.log?.error({ err }, 'embedded store failed');
    this.#leaseTimer?.cancel();
    this.#hub.close(failure);
    for (const h of this.#handles.values()) h.markLost(failure);
    this.#handles.clear();
    this.#resolveClosed(failure);
  }

  /**
   * Ends watches (without an error), resolves the `lost` of every lease handle
   * (the leases themselves expire one TTL after the next open), writes out
   * what was appended, and releases the data dir. Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    if (this.#status === 'open') this.#status = 'closing';
    this.#leaseTimer?.cancel();
    this.#leaseTimer = undefined;
    this.#hub.close();
    for (const h of this.#handles.values()) h.markLost(new ShutdownError('embedded store closed'));
    this.#handles.clear();
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
    await this.#wal.close().catch(() => undefined);
    await this.lock.release();
    if (this.#status === 'closing') this.#status = 'closed';
    this.#resolveClosed(undefined);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
