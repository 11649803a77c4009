// Watches over the MVCC log. A watcher is a cursor (the next revision to
// deliver) that pulls events from the log when its consumer asks for more, so
// the retained history is the only buffer: a slow consumer costs no memory
// per event, and a consumer that falls behind the compact revision gets
// CompactedError and re-lists, as with etcd. Events are read only up to the
// durable revision, so a watcher never sees a write that a crash could undo.
//
// Event objects are built once per write and shared by every watcher that
// receives them while the write is recent (a bounded cache), so fan-out does
// not copy values per watcher. The bytes of a shared event belong to all its
// receivers: treat them as read-only. They are copies, so mutating them
// cannot change stored data.

import { CompactedError } from '../../errors.js';
import type { Clock, Timer } from '../../lib/clock.js';
import type { WatchEvent } from '../store.js';
import type { Entry, Mvcc } from './mvcc.js';

/** events pulled from the log per refill (whole revisions, so a huge txn may exceed it) */
const FILL_EVENTS = 512;
/** recent events kept for sharing between watchers, per variant */
const EVENT_CACHE = 1024;

type Pulled = IteratorResult<WatchEvent> | { readonly error: Error };

const DONE: IteratorResult<WatchEvent> = { value: undefined, done: true };

export interface WatchSpec {
  readonly prefix: string;
  /** first revision to deliver */
  readonly fromRevision: number;
  readonly prevValues: boolean;
  /** 0: no bookmarks */
  readonly bookmarkIntervalMs: number;
  readonly signal: AbortSignal;
}

export class WatchHub {
  readonly #watchers = new Set<Watcher>();
  readonly #plain = new Map<Entry, WatchEvent>();
  readonly #withPrev = new Map<Entry, WatchEvent>();

  constructor(
    readonly mvcc: Mvcc,
    /** the newest revision that is durable; events above it are not delivered yet */
    readonly durableRevision: () => number,
    readonly clock: Clock,
  ) {}

  /** number of open watchers */
  get size(): number {
    return this.#watchers.size;
  }

  /** starts a watcher; it is registered until its consumer ends it, its signal aborts, or close() */
  watch(spec: WatchSpec): AsyncIterableIterator<WatchEvent> {
    const w = new Watcher(this, spec);
    if (!w.isDone) this.#watchers.add(w);
    return w;
  }

  /** the durable revision advanced: watchers waiting for events pull them */
  notify(): void {
    for (const w of this.#watchers) w.wake();
  }

  /** ends every watcher: without an error, or failing with `err` */
  close(err?: Error): void {
    for (const w of [...this.#watchers]) w.end(err);
    this.#plain.clear();
    this.#withPrev.clear();
  }

  /** @internal */
  unregister(w: Watcher): void {
    this.#watchers.delete(w);
  }

  /** the shared event for a write */
  event(e: Entry, withPrev: boolean): WatchEvent {
    const cache = withPrev ? this.#withPrev : this.#plain;
    const hit = cache.get(e);
    if (hit) return hit;
    const prev = withPrev ? this.mvcc.previous(e)?.value : undefined;
    let ev: WatchEvent;
    if (e.value === undefined) {
      ev = prev
        ? { type: 'delete', key: e.key, revision: String(e.modRevision), prevValue: prev.slice() }
        : { type: 'delete', key: e.key, revision: String(e.modRevision) };
    } else {
      const base = {
        type: 'put' as const,
        key: e.key,
        value: e.value.slice(),
        revision: String(e.modRevision),
        createRevision: String(e.createRevision),
        version: e.version,
      };
      ev = prev ? { ...base, prevValue: prev.slice() } : base;
    }
    Object.freeze(ev);
    cache.set(e, ev);
    if (cache.size > EVENT_CACHE) cache.delete(cache.keys().next().value!);
    return ev;
  }
}

class Watcher implements AsyncIterableIterator<WatchEvent> {
  /** the next revision to read from the log */
  #cursor: number;
  #buf: WatchEvent[] = [];
  #bufPos = 0;
  readonly #waiters: Array<{ resolve: (r: IteratorResult<WatchEvent>) => void; reject: (e: Error) => void }> = [];
  #isDone = false;
  /** thrown by the next pull (compaction, store failure) */
  #error: Error | undefined;
  #isBookmarkDue = false;
  /** clock time of the last event handed out, for bookmarks */
  #lastEventAt: number;
  #timer: Timer | undefined;
  readonly #onAbort = () => this.end();

  constructor(
    private readonly hub: WatchHub,
    private readonly spec: WatchSpec,
  ) {
    this.#cursor = spec.fromRevision;
    this.#lastEventAt = hub.clock.now();
    if (spec.signal.aborted) {
      this.#isDone = true;
      return;
    }
    spec.signal.addEventListener('abort', this.#onAbort, { once: true });
    if (spec.bookmarkIntervalMs > 0) this.#armBookmark(spec.bookmarkIntervalMs);
  }

  get isDone(): boolean {
    return this.#isDone;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<WatchEvent> {
    return this;
  }

  next(): Promise<IteratorResult<WatchEvent>> {
    if (this.#waiters.length === 0) {
      const r = this.#pull();
      if (r) return 'error' in r ? Promise.reject(r.error) : Promise.resolve(r);
    }
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<WatchEvent>> {
    this.end();
    return Promise.resolve(DONE);
  }

  /** serves waiting next() calls that can now be answered */
  wake(): void {
    while (this.#waiters.length > 0) {
      const r = this.#pull();
      if (!r) return;
      const w = this.#waiters.shift()!;
      if ('error' in r) w.reject(r.error);
      else w.resolve(r);
    }
  }

  /** finishes the watcher (with `err` thrown by the next pull, if given) */
  end(err?: Error): void {
    if (this.#isDone) return;
    if (err) this.#error = err;
    this.#finish();
    this.wake();
  }

  #finish(): void {
    this.#isDone = true;
    this.#buf = [];
    this.#bufPos = 0;
    this.#timer?.cancel();
    this.#timer = undefined;
    this.spec.signal.removeEventListener('abort', this.#onAbort);
    this.hub.unregister(this);
  }

  /** the next result if one is ready, else undefined */
  #pull(): Pulled | undefined {
    if (this.#error) {
      const error = this.#error;
      this.#error = undefined;
      if (!this.#isDone) this.#finish();
      return { error };
    }
    if (this.#isDone) return DONE;
    if (this.#bufPos === this.#buf.length) this.#fill();
    if (this.#error) return this.#pull();
    if (this.#bufPos < this.#buf.length) {
      if (this.spec.bookmarkIntervalMs > 0) this.#lastEventAt = this.hub.clock.now();
      return { value: this.#buf[this.#bufPos++], done: false };
    }
    if (this.#isBookmarkDue) {
      this.#isBookmarkDue = false;
      return { value: { type: 'bookmark', revision: String(this.#cursor - 1) }, done: false };
    }
    return undefined;
  }

  #fill(): void {
    this.#buf = [];
    this.#bufPos = 0;
    const durable = this.hub.durableRevision();
    if (this.#cursor > durable) return;
    const compactRevision = this.hub.mvcc.compactRevision;
    if (this.#cursor < compactRevision) {
      this.#error = new CompactedError(String(this.#cursor), String(compactRevision));
      return;
    }
    const { entries, next } = this.hub.mvcc.scan(this.#cursor, durable, this.spec.prefix, FILL_EVENTS);
    this.#cursor = next;
    this.#buf = entries.map((e) => this.hub.event(e, this.spec.prevValues));
  }

  /**
   * A bookmark is due once no event was handed out for a whole interval; the
   * timer sleeps until the earliest instant that can be true (one timer per
   * watcher, not one per event).
   */
  #armBookmark(ms: number): void {
    this.#timer = this.hub.clock.setTimer(ms, () => {
      if (this.#isDone) return;
      const interval = this.spec.bookmarkIntervalMs;
      const idleMs = this.hub.clock.now() - this.#lastEventAt;
      if (idleMs < interval) {
        this.#armBookmark(interval - idleMs);
        return;
      }
      this.#isBookmarkDue = true;
      this.wake();
      this.#armBookmark(interval);
    });
  }
}
