// One Store.watch() on etcd: a raw gRPC Watch stream per watch (not etcd3's
// Watcher/WatchManager), adapted to an AsyncIterable with lib/async-queue.
//
// Resume. `#nextRev` is the first revision not yet delivered. It starts at
// fromRevision (or current revision + 1, read once when the watch starts) and
// moves to last event's revision + 1 after each response. etcd never splits
// one revision's events across responses (no `fragment`), so every revision
// below #nextRev has been delivered in full. After any stream failure
// (connection loss, member without leader, proxy cut) the loop backs off and
// creates a new watcher at #nextRev: no duplicates, no gaps. If history was
// compacted past #nextRev meanwhile, etcd answers created + canceled with
// compact_revision and the iterator throws CompactedError (OUT_OF_RANGE).
//
// Bookmarks. Every watcher is created with progress_notify. etcd sends a
// progress notification (no events, header.revision = store revision) to an
// idle, synced watcher every --experimental-watch-progress-notify-interval
// (default 10 min; tests use 200 ms). In 3.4 it is queued on the same channel
// as events and taken under the lock that also covers publishing a write's
// events (watchableStore.progress vs. watchableStoreTxnWrite.End), so when it
// arrives every event up to header.revision has been delivered: the watch
// advances #nextRev and, when bookmarkIntervalMs is set and nothing was
// emitted for half that interval, emits a bookmark.
// We never use on-demand progress requests: in 3.4.23 they are answered on
// the control channel, out of order with queued events (etcd #15220).
// So bookmarks come no more often than the server's interval, whatever
// bookmarkIntervalMs says.
//
// Ending. The caller's signal, store close() and `break` all abort the loop,
// which cancels the stream; the iterator then finishes without an error.

import { AsyncQueue } from '../../lib/async-queue.js';
import { anySignal } from '../../lib/abort.js';
import type { Clock } from '../../lib/clock.js';
import { CompactedError, FlotillaError, toError } from '../../errors.js';
import type { WatchEvent, WatchOptions } from '../store.js';
import { checkDecimal, prefixRange, toWatchEvent, type RawEvent } from './codec.js';
import { reconnectBackoff, type EtcdConnection } from './connection.js';
import { mapEtcdError } from './errors.js';

interface WatchCreateRequest {
  create_request: {
    key: Buffer;
    range_end: Buffer;
    start_revision: string;
    prev_kv: boolean;
    progress_notify: boolean;
  };
}

interface WatchResponse {
  header: { revision: string };
  watch_id: string;
  created: boolean;
  canceled: boolean;
  compact_revision: string;
  cancel_reason: string;
  events: RawEvent[];
}

export interface WatchDeps {
  readonly conn: EtcdConnection;
  readonly clock: Clock;
  /** aborted when the store closes */
  readonly storeSignal: AbortSignal;
  /** the current store revision (linearizable read) */
  revision(signal: AbortSignal): Promise<string>;
}

type AttemptResult = 'retry' | 'progressed';

export class EtcdWatch implements AsyncIterable<WatchEvent> {
  readonly #queue: AsyncQueue<WatchEvent>;
  readonly #stop = new AbortController();
  readonly #what: string;
  readonly #range: { key: Buffer; rangeEnd: Buffer };
  /** first revision not yet delivered; undefined until the start revision is known */
  #nextRev: bigint | undefined;
  /** clock time of the last event or bookmark handed to the consumer */
  #lastEmitAt = Number.NEGATIVE_INFINITY;
  /** resolves when the loop has ended and the stream is cancelled; never rejects */
  readonly done: Promise<void>;

  constructor(
    private readonly deps: WatchDeps,
    prefix: string,
    private readonly opts: WatchOptions,
  ) {
    this.#what = `etcd watch '${prefix}'`;
    this.#range = prefixRange(prefix);
    this.#queue = new AsyncQueue<WatchEvent>(() => this.#stop.abort());
    if (opts.fromRevision !== undefined) this.#nextRev = BigInt(checkDecimal('fromRevision', opts.fromRevision));
    this.done = this.#run(anySignal(opts.signal, deps.storeSignal, this.#stop.signal));
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    return this.#queue[Symbol.asyncIterator]();
  }

  async #run(signal: AbortSignal): Promise<void> {
    const backoff = reconnectBackoff();
    try {
      while (this.#nextRev === undefined && !signal.aborted) {
        try {
          this.#nextRev = BigInt(await this.deps.revision(signal)) + 1n;
        } catch (err) {
          if (signal.aborted) break;
          if (!(err instanceof FlotillaError && err.retryable)) throw err;
          await this.deps.clock.sleep(backoff.next(), signal).catch(() => undefined);
        }
      }
      while (!signal.aborted) {
        const result = await this.#attempt(signal);
        if (signal.aborted) break;
        if (result === 'progressed') backoff.reset();
        await this.deps.clock.sleep(backoff.next(), signal).catch(() => undefined);
      }
      this.#queue.end();
    } catch (err) {
      if (signal.aborted) this.#queue.end();
      else this.#queue.fail(toError(err));
    }
  }

  /**
   * One stream: resolves when it ended in a way worth reconnecting after
   * ('progressed' when it delivered anything), rejects with a final error.
   */
  async #attempt(signal: AbortSignal): Promise<AttemptResult> {
    let stream;
    try {
      stream = await this.deps.conn.openStream<WatchCreateRequest, WatchResponse>('Watch', 'watch', this.#what);
    } catch (err) {
      if (err instanceof FlotillaError && err.retryable) return 'retry';
      throw err;
    }
    return new Promise<AttemptResult>((resolve, reject) => {
      let settled = false;
      let progressed = false;
      let created = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        stream.cancel();
        outcome();
      };
      const onAbort = () => finish(() => resolve(progressed ? 'progressed' : 'retry'));
      const ended = (err?: Error) =>
        finish(() => {
          const mapped = err ? mapEtcdError(err, this.#what) : undefined;
          if (mapped && !mapped.retryable) reject(mapped);
          else resolve(progressed ? 'progressed' : 'retry');
        });

      stream.on('error', (err) => ended(err));
      stream.on('end', () => ended());
      stream.on('data', (res) => {
        if (settled) return;
        try {
          if (res.canceled) {
            const err = this.#cancelError(res);
            finish(() => (err.retryable ? resolve(progressed ? 'progressed' : 'retry') : reject(err)));
            return;
          }
          if (res.created) {
            created = true;
            progressed = true;
            return;
          }
          if (res.events.length > 0) {
            for (const ev of res.events) this.#queue.push(toWatchEvent(ev, this.opts.prevValues === true));
            this.#lastEmitAt = this.deps.clock.now();
            this.#nextRev = BigInt(res.events[res.events.length - 1].kv.mod_revision) + 1n;
            progressed = true;
            return;
          }
          // a progress notification: everything up to header.revision has been delivered
          const rev = BigInt(res.header.revision);
          if (created && rev + 1n >= this.#nextRev!) {
            this.#nextRev = rev + 1n;
            this.#bookmark(rev);
          }
        } catch (err) {
          finish(() => reject(toError(err)));
        }
      });
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) {
        onAbort();
        return;
      }
      stream.write({
        create_request: {
          key: this.#range.key,
          range_end: this.#range.rangeEnd,
          start_revision: String(this.#nextRev),
          prev_kv: this.opts.prevValues === true,
          progress_notify: true,
        },
      });
    });
  }

  /**
   * Emits a bookmark when they were asked for and the watch has been quiet
   * for half the interval (etcd's own cadence is the server's setting; this
   * only keeps a fast server from flooding the consumer).
   */
  #bookmark(rev: bigint): void {
    const interval = this.opts.bookmarkIntervalMs;
    if (interval === undefined) return;
    const now = this.deps.clock.now();
    if (now - this.#lastEmitAt < interval / 2) return;
    this.#lastEmitAt = now;
    this.#queue.push({ type: 'bookmark', revision: String(rev) });
  }

  #cancelError(res: WatchResponse): FlotillaError {
    if (res.compact_revision && res.compact_revision !== '0') {
      return new CompactedError(String(this.#nextRev), res.compact_revision);
    }
    return mapEtcdError(new Error(res.cancel_reason || 'watch canceled by etcd'), this.#what);
  }
}
