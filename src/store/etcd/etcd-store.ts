// The Store contract on etcd v3. Reads and writes are single KV RPCs (range,
// put, deleteRange, txn, compact) so revisions, compare targets, limits and
// range ends are exactly etcd's; conditional writes are txns with a revision
// compare. Watches live in watch.ts, leases in lease.ts, the gRPC call
// discipline (deadlines, abort, safe retries) in connection.ts, error mapping
// in errors.ts.
//
// Retries. A write whose outcome is unknown (the connection broke after the
// request was sent, a deadline passed, the leader changed) is NOT retried
// here: it fails with UnavailableError (retryable) and the caller, who knows
// whether the write is guarded by a revision compare, decides. Requests that
// never reached etcd are retried within the request timeout.

import { anySignal } from '../../lib/abort.js';
import type { Clock } from '../../lib/clock.js';
import { CompactedError, IllegalStateError, InvalidArgumentError, RevisionConflictError, ShutdownError } from '../../errors.js';
import { ROOT } from '../keys.js';
import type {
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
  TxnOpResult,
  TxnResult,
  WatchEvent,
  WatchOptions,
  WriteResult,
} from '../store.js';
import { MAX_TXN_OPS } from '../store.js';
import { checkBranch, checkDecimal, keyBytes, prefixRange, toCompare, toKeyValue, toRequestOp } from './codec.js';
import type { EtcdConnection } from './connection.js';
import { EtcdLease } from './lease.js';
import { EtcdWatch } from './watch.js';

import type { IDeleteRangeResponse, IKeyValue, IPutResponse, IRangeResponse, IResponseOp, ITxnResponse } from 'etcd3';

/** etcdserverpb.Compare targets/results as numbers (see codec.ts) */
const MOD = 2;
const EQUAL = 0;

/** A key nobody writes, used for revision probes: every Flotilla key is below ROOT, never ROOT itself. */
const PROBE_KEY = keyBytes(ROOT);

export class EtcdStore implements Store {
  readonly backend = 'etcd';
  /** aborted by close(): ends watches, stops keep-alives, cancels calls in flight */
  readonly #closing = new AbortController();
  readonly #watches = new Set<EtcdWatch>();
  readonly #leases = new Set<EtcdLease>();
  #closed: Promise<void> | undefined;

  constructor(
    private readonly conn: EtcdConnection,
    private readonly clock: Clock,
  ) {}

  /** a per-call signal that also aborts on close() (never the shared close signal itself: calls add listeners) */
  #open(signal: AbortSignal | undefined): AbortSignal {
    if (this.#closing.signal.aborted) throw new IllegalStateError('etcd store is closed');
    return AbortSignal.any(signal ? [signal, this.#closing.signal] : [this.#closing.signal]);
  }

  async get(key: string, opts: ReadOptions = {}): Promise<KeyValue | undefined> {
    const signal = this.#open(opts.signal);
    const res = await this.#range({ key: keyBytes(key) }, opts.revision, `etcd get '${key}'`, signal);
    return res.kvs.length > 0 ? toKeyValue(res.kvs[0]) : undefined;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    const signal = this.#open(opts.signal);
    const range = prefixRange(prefix);
    let key = range.key;
    if (opts.startAfter !== undefined) {
      const after = Buffer.concat([keyBytes(opts.startAfter), Buffer.from([0])]);
      if (Buffer.compare(after, key) > 0) key = after;
    }
    const limit = opts.limit ?? 0;
    if (!Number.isInteger(limit) || limit < 0) throw new InvalidArgumentError(`list limit must be a non-negative integer, got ${limit}`);
    const what = `etcd list '${prefix}'`;
    const toEnd = range.rangeEnd.length === 1 && range.rangeEnd[0] === 0;
    if (!toEnd && Buffer.compare(key, range.rangeEnd) >= 0) {
      // startAfter is past the prefix: nothing to return, but still read at a revision
      const res = await this.#range({ key: range.key, range_end: range.rangeEnd, count_only: true }, opts.revision, what, signal);
      return { items: [], revision: opts.revision ?? String(res.header.revision), more: false };
    }
    const res = await this.#range({ key, range_end: range.rangeEnd, limit }, opts.revision, what, signal);
    return { items: res.kvs.map(toKeyValue), revision: opts.revision ?? String(res.header.revision), more: Boolean(res.more) };
  }

  async #range(req: { key: Buffer; range_end?: Buffer; limit?: number; count_only?: boolean }, revision: string | undefined, what: string, signal: AbortSignal): Promise<IRangeResponse> {
    const rev = revision === undefined ? undefined : checkDecimal('revision', revision);
    try {
      return await this.conn.unary<IRangeResponse>('KV', 'range', { ...req, ...(rev ? { revision: rev } : {}) }, { what, signal, idempotent: true, requestedRevision: rev });
    } catch (err) {
      if (err instanceof CompactedError && rev !== undefined) {
        const compactRevision = await this.compactRevision({ signal }).catch(() => 'unknown');
        throw new CompactedError(rev, compactRevision, { cause: err });
      }
      throw err;
    }
  }

  async put(key: string, value: Uint8Array, opts: PutOptions = {}): Promise<WriteResult> {
    const signal = this.#open(opts.signal);
    const what = `etcd put '${key}'`;
    const put = {
      key: keyBytes(key),
      value: Buffer.from(value),
      ...(opts.lease !== undefined ? { lease: checkDecimal('lease', opts.lease) } : {}),
    };
    if (opts.expectedRevision === undefined) {
      const res = await this.conn.unary<IPutResponse>('KV', 'put', put, { what, signal, idempotent: false });
      return { revision: String(res.header.revision) };
    }
    const expected = checkDecimal('expectedRevision', opts.expectedRevision);
    const res = await this.conn.unary<ITxnResponse>(
      'KV',
      'txn',
      { compare: [{ key: put.key, target: MOD, result: EQUAL, mod_revision: expected }], success: [{ request_put: put }], failure: [] },
      { what, signal, idempotent: false },
    );
    if (!res.succeeded) throw new RevisionConflictError(key, expected);
    return { revision: String(res.header.revision) };
  }

  async delete(key: string, opts: DeleteOptions = {}): Promise<DeleteResult> {
    const signal = this.#open(opts.signal);
    const what = `etcd delete '${key}'`;
    const del = { key: keyBytes(key) };
    if (opts.expectedRevision === undefined) {
      const res = await this.conn.unary<IDeleteRangeResponse>('KV', 'deleteRange', del, { what, signal, idempotent: false });
      return { revision: String(res.header.revision), deleted: Number(res.deleted) };
    }
    const expected = checkDecimal('expectedRevision', opts.expectedRevision);
    const res = await this.conn.unary<ITxnResponse>(
      'KV',
      'txn',
      { compare: [{ key: del.key, target: MOD, result: EQUAL, mod_revision: expected }], success: [{ request_delete_range: del }], failure: [] },
      { what, signal, idempotent: false },
    );
    if (!res.succeeded) throw new RevisionConflictError(key, expected);
    return { revision: String(res.header.revision), deleted: Number(res.responses[0].response_delete_range.deleted) };
  }

  async deletePrefix(prefix: string, opts: { signal?: AbortSignal } = {}): Promise<DeleteResult> {
    const signal = this.#open(opts.signal);
    const r = prefixRange(prefix);
    const res = await this.conn.unary<IDeleteRangeResponse>('KV', 'deleteRange', { key: r.key, range_end: r.rangeEnd }, { what: `etcd delete prefix '${prefix}'`, signal, idempotent: false });
    return { revision: String(res.header.revision), deleted: Number(res.deleted) };
  }

  async txn(txn: Txn, opts: { signal?: AbortSignal } = {}): Promise<TxnResult> {
    const signal = this.#open(opts.signal);
    checkBranch('success', txn.success);
    checkBranch('failure', txn.failure ?? []);
    if (txn.compares.length > MAX_TXN_OPS) throw new InvalidArgumentError(`txn: ${txn.compares.length} compares, at most ${MAX_TXN_OPS} allowed`);
    const res = await this.conn.unary<ITxnResponse>(
      'KV',
      'txn',
      { compare: txn.compares.map(toCompare), success: txn.success.map(toRequestOp), failure: (txn.failure ?? []).map(toRequestOp) },
      { what: 'etcd txn', signal, idempotent: false },
    );
    const ops = res.succeeded ? txn.success : (txn.failure ?? []);
    const results: TxnOpResult[] = ops.map((op, i): TxnOpResult => {
      const r: IResponseOp = res.responses[i];
      switch (op.type) {
        case 'put':
          return { type: 'put' };
        case 'delete':
          return { type: 'delete', deleted: Number(r.response_delete_range.deleted) };
        case 'deletePrefix':
          return { type: 'deletePrefix', deleted: Number(r.response_delete_range.deleted) };
        case 'get': {
          const kvs: IKeyValue[] = r.response_range.kvs;
          return { type: 'get', kv: kvs.length > 0 ? toKeyValue(kvs[0]) : undefined };
        }
      }
    });
    return { succeeded: Boolean(res.succeeded), revision: String(res.header.revision), results };
  }

  watch(prefix: string, opts: WatchOptions): AsyncIterable<WatchEvent> {
    this.#open(undefined);
    const w = new EtcdWatch(
      {
        conn: this.conn,
        clock: this.clock,
        storeSignal: this.#closing.signal,
        revision: (signal) => this.revision({ signal }),
      },
      prefix,
      opts,
    );
    this.#watches.add(w);
    void w.done.then(() => this.#watches.delete(w));
    return w;
  }

  async grantLease(ttlSeconds: number, opts: { signal?: AbortSignal } = {}): Promise<Lease> {
    const signal = this.#open(opts.signal);
    const lease = await EtcdLease.grant({ conn: this.conn, clock: this.clock, storeSignal: this.#closing.signal }, ttlSeconds, signal);
    this.#leases.add(lease);
    void lease.lost.then(() => lease.stopped).then(() => this.#leases.delete(lease));
    return lease;
  }

  async revision(opts: { signal?: AbortSignal } = {}): Promise<string> {
    const signal = this.#open(opts.signal);
    const res = await this.conn.unary<IRangeResponse>('KV', 'range', { key: PROBE_KEY, count_only: true }, { what: 'etcd revision', signal, idempotent: true });
    return String(res.header.revision);
  }

  /**
   * etcd has no RPC for the compact revision. A read at revision 1 succeeds
   * when nothing was compacted ('0'); otherwise a watch from revision 1 on a
   * key nobody writes is cancelled by etcd with the compact revision.
   */
  async compactRevision(opts: { signal?: AbortSignal } = {}): Promise<string> {
    const signal = this.#open(opts.signal);
    try {
      await this.conn.unary<IRangeResponse>('KV', 'range', { key: PROBE_KEY, revision: 1, count_only: true }, { what: 'etcd compact revision', signal, idempotent: true });
      return '0';
    } catch (err) {
      if (!(err instanceof CompactedError)) throw err;
    }
    const timeout = AbortSignal.timeout(this.conn.requestTimeoutMs);
    const watch = new EtcdWatch(
      { conn: this.conn, clock: this.clock, storeSignal: this.#closing.signal, revision: (s) => this.revision({ signal: s }) },
      ROOT,
      { signal: anySignal(signal, timeout), fromRevision: '1' },
    );
    try {
      for await (const _ of watch) {
        // ROOT itself is never written; nothing arrives before the cancel
      }
    } catch (err) {
      if (err instanceof CompactedError) return err.compactRevision;
      throw err;
    }
    if (signal.aborted) throw signal.reason as Error;
    throw new IllegalStateError('etcd compact revision: no answer within the request timeout');
  }

  async compact(revision: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    const signal = this.#open(opts.signal);
    const rev = checkDecimal('revision', revision);
    try {
      await this.conn.unary('KV', 'compact', { revision: rev, physical: false }, { what: `etcd compact ${rev}`, signal, idempotent: true });
    } catch (err) {
      // already compacted at or past `revision`: nothing left to discard
      if (err instanceof CompactedError) return;
      throw err;
    }
  }

  /**
   * Ends watches (they finish without error), stops keep-alives (their `lost`
   * resolves with ShutdownError; the leases themselves expire in etcd after
   * their TTL), cancels calls in flight, then closes the gRPC channels.
   * Watchers are cancelled before the client closes. Idempotent.
   */
  close(): Promise<void> {
    return (this.#closed ??= (async () => {
      this.#closing.abort(new ShutdownError('etcd store closed'));
      await Promise.allSettled([...[...this.#watches].map((w) => w.done), ...[...this.#leases].map((l) => l.stopped)]);
      this.conn.close();
    })());
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
