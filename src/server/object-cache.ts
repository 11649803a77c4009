// A per-daemon, watch-fed cache of every object kind (the Kubernetes "watch
// cache" idea). Each kind is listed once and then followed with one store
// watch, so Get and the first page of List are served from memory and Apply
// can start from the cached object (its txn still compares the key's
// revision, so a stale cache costs a retry, never a lost update).
//
// Consistency: the cache of a kind reflects the store at cache.revision(kind).
// A reader that needs its own earlier writes waits with synced(kind, rev); the
// ObjectServer does this for every write it made (read-your-writes per
// daemon). Writes made through other daemons arrive after the watch delivery
// delay. Until a kind is synced (start, re-list after compaction or an error)
// isReady(kind) is false and callers read the store instead.

import { setMaxListeners } from 'node:events';
import { CompactedError, IllegalStateError, ShutdownError } from '../errors.js';
import { Backoff } from '../lib/backoff.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import type { KindInfo, ResourceObject } from '../resources/index.js';
import { objectPrefix, parseObjectKey, type Store } from '../store/index.js';
import { decodeObject } from './codec.js';

export interface CachedObject {
  readonly key: string;
  /** decoded once; shared by every reader, so callers must not mutate it */
  readonly object: ResourceObject;
  readonly modRevision: string;
}

class KindCache {
  readonly entries = new Map<string, CachedObject>();
  #sorted: string[] | undefined;
  revision = 0n;
  ready = false;
  readonly waiters = new Set<{ rev: bigint; resolve: () => void }>();

  sortedKeys(): string[] {
    this.#sorted ??= [...this.entries.keys()].sort();
    return this.#sorted;
  }

  put(c: CachedObject): void {
    if (!this.entries.has(c.key)) this.#sorted = undefined;
    this.entries.set(c.key, c);
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.#sorted = undefined;
  }

  reset(): void {
    this.entries.clear();
    this.#sorted = undefined;
  }

  advance(rev: bigint): void {
    if (rev > this.revision) this.revision = rev;
    for (const w of this.waiters) {
      if (this.revision >= w.rev) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }
}

export class ObjectCache implements AsyncDisposable {
  readonly #kinds = new Map<string, KindCache>();
  readonly #abort = new AbortController();
  readonly #loops: Promise<void>[] = [];
  #state: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(
    private readonly deps: { store: Store; clock: Clock; log: Logger },
    private readonly kinds: readonly KindInfo[],
  ) {
    for (const k of kinds) this.#kinds.set(k.kind, new KindCache());
    // one watch per kind listens on this signal
    setMaxListeners(kinds.length + 10, this.#abort.signal);
  }

  /** lists every kind and starts following it; resolves once all are ready */
  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new IllegalStateError(`object cache is ${this.#state}`);
    this.#state = 'running';
    const firsts = this.kinds.map((k) => this.#list(k));
    const revisions = await Promise.all(firsts);
    this.kinds.forEach((k, i) => this.#loops.push(this.#follow(k, revisions[i])));
  }

  async stop(): Promise<void> {
    if (this.#state !== 'running') return;
    this.#state = 'stopped';
    this.#abort.abort(new ShutdownError());
    await Promise.allSettled(this.#loops);
    for (const c of this.#kinds.values()) {
      c.ready = false;
      for (const w of c.waiters) w.resolve();
      c.waiters.clear();
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  isReady(kind: string): boolean {
    return this.#kinds.get(kind)?.ready === true;
  }

  /** the store revision the kind's cache reflects */
  revision(kind: string): string {
    return (this.#kinds.get(kind)?.revision ?? 0n).toString();
  }

  /**
   * Resolves true once the kind's cache has applied revision `rev`, false
   * when it is not ready or `timeoutMs` passes first (read the store then).
   */
  async synced(kind: string, rev: string | undefined, timeoutMs = 5_000): Promise<boolean> {
    const c = this.#kinds.get(kind);
    if (!c?.ready) return false;
    if (rev === undefined) return true;
    const want = BigInt(rev);
    if (c.revision >= want) return true;
    return new Promise<boolean>((resolve) => {
      const w = { rev: want, resolve: () => (timer.cancel(), resolve(c.ready)) };
      const timer = this.deps.clock.setTimer(timeoutMs, () => {
        c.waiters.delete(w);
        resolve(false);
      });
      c.waiters.add(w);
    });
  }

  /**
   * Resolves when the cache of any of `kinds` moves past the revision it has
   * now (an object of one of them changed, or the kind was listed again) or
   * the cache stops; rejects with the signal's reason when aborted first. No
   * timer: a caller waiting here does not wake until something happened.
   */
  changed(kinds: readonly string[], signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const entries: [KindCache, { rev: bigint; resolve: () => void }][] = [];
      const done = () => {
        for (const [c, w] of entries) c.waiters.delete(w);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        done();
        reject(signal.reason as Error);
      };
      for (const kind of kinds) {
        const c = this.#kinds.get(kind);
        if (!c) continue;
        const w = { rev: c.revision + 1n, resolve: () => (done(), resolve()) };
        c.waiters.add(w);
        entries.push([c, w]);
      }
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  get(kind: string, key: string): CachedObject | undefined {
    return this.#kinds.get(kind)?.entries.get(key);
  }

  /** objects under `prefix` in key order, strictly after `startAfter` */
  list(kind: string, prefix: string, startAfter?: string): CachedObject[] {
    const c = this.#kinds.get(kind);
    if (!c) return [];
    const keys = c.sortedKeys();
    let lo = 0;
    let hi = keys.length;
    const from = startAfter !== undefined && startAfter >= prefix ? startAfter : prefix;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < from || (startAfter !== undefined && keys[mid] === startAfter)) lo = mid + 1;
      else hi = mid;
    }
    const out: CachedObject[] = [];
    for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.push(c.entries.get(keys[i])!);
    return out;
  }

  async #list(k: KindInfo): Promise<bigint> {
    const c = this.#kinds.get(k.kind)!;
    const prefix = objectPrefix(k.kind, undefined, k.namespaced);
    c.ready = false;
    c.reset();
    let revision: string | undefined;
    let after: string | undefined;
    for (;;) {
      const page = await this.deps.store.list(prefix, { revision, startAfter: after, limit: 1000, signal: this.#abort.signal });
      revision = page.revision;
      for (const kv of page.items) {
        if (!parseObjectKey(kv.key)) continue;
        c.put({ key: kv.key, object: Object.freeze(decodeObject(kv)), modRevision: kv.modRevision });
      }
      if (!page.more || page.items.length === 0) break;
      after = page.items[page.items.length - 1].key;
    }
    c.revision = 0n;
    c.advance(BigInt(revision));
    c.ready = true;
    return BigInt(revision);
  }

  async #follow(k: KindInfo, listedAt: bigint): Promise<void> {
    const c = this.#kinds.get(k.kind)!;
    const prefix = objectPrefix(k.kind, undefined, k.namespaced);
    const signal = this.#abort.signal;
    const backoff = new Backoff({ initialMs: 100, maxMs: 5_000 });
    /** the revision the cache holds; undefined while it must be re-listed */
    let from: bigint | undefined = listedAt;
    while (!signal.aborted) {
      if (from === undefined) {
        try {
          from = await this.#list(k);
        } catch (err) {
          if (signal.aborted) return;
          this.deps.log.warn({ err, kind: k.kind }, 'cache re-list failed');
          await this.deps.clock.sleep(backoff.next(), signal).catch(() => undefined);
          continue;
        }
      }
      try {
        for await (const ev of this.deps.store.watch(prefix, { signal, fromRevision: (from + 1n).toString() })) {
          if (ev.type === 'put') {
            if (parseObjectKey(ev.key)) {
              c.put({ key: ev.key, object: Object.freeze(decodeObject({ key: ev.key, value: ev.value, modRevision: ev.revision })), modRevision: ev.revision });
            }
          } else if (ev.type === 'delete') c.delete(ev.key);
          from = BigInt(ev.revision);
          c.advance(from);
          backoff.reset();
        }
        return;
      } catch (err) {
        if (signal.aborted) return;
        c.ready = false;
        if (!(err instanceof CompactedError)) {
          this.deps.log.warn({ err, kind: k.kind }, 'cache watch failed; re-listing');
          await this.deps.clock.sleep(backoff.next(), signal).catch(() => undefined);
        }
        from = undefined;
      }
    }
  }
}
