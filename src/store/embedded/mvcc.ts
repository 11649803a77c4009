// The in-memory multi-version key index: every key's history of writes since
// the compact revision, a sorted key list for prefix ranges, and a log of all
// writes in (revision, op) order for watches. It applies writes it is told to
// apply and answers reads at any retained revision; deciding what to write
// (txn compares, leases) is state.ts's job, persistence is wal.ts's and
// snapshot.ts's. Revisions are plain numbers here (safe integers); the store
// turns them into the contract's decimal strings.
//
// Keys sort by UTF-16 code units (JS `<`), which equals etcd's byte order for
// every key without characters above U+FFFF mixed with U+E000..U+FFFF; keys
// built by keys.ts are ASCII.

import type { KeyValue } from '../store.js';

/** One write of one key. Immutable once written. */
export interface Entry {
  readonly key: string;
  readonly modRevision: number;
  /** position among the writes of its revision (op order inside a txn) */
  readonly sub: number;
  /** revision that created the key; 0 on a tombstone */
  readonly createRevision: number;
  /** puts since creation; 0 on a tombstone */
  readonly version: number;
  /** undefined: a tombstone (the key was deleted at modRevision) */
  readonly value: Uint8Array | undefined;
  readonly lease: string | undefined;
}

/** the entry as the contract's KeyValue, with a copy of the value */
export function toKeyValue(e: Entry | undefined): KeyValue | undefined {
  if (e?.value === undefined) return undefined;
  const kv: { -readonly [K in keyof KeyValue]: KeyValue[K] } = {
    key: e.key,
    value: e.value.slice(),
    createRevision: String(e.createRevision),
    modRevision: String(e.modRevision),
    version: e.version,
  };
  if (e.lease !== undefined) kv.lease = e.lease;
  return kv;
}

/** first index in [lo, hi) whose entry has modRevision > rev */
function upperBound(list: readonly Entry[], rev: number, lo = 0, hi = list.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].modRevision <= rev) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** first index in [lo, hi) whose key is >= key */
function lowerBoundKey(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** how many pending new keys are inserted one by one before a sort-and-merge is cheaper */
const SPLICE_LIMIT = 32;
/** the log array is trimmed once this many compacted entries sit at its front */
const LOG_TRIM = 4096;

export class Mvcc {
  /** history per key since the compact revision: ascending modRevision, never empty */
  readonly #history = new Map<string, Entry[]>();
  /** every key of #history in ascending order, except those still in #unsorted */
  #sorted: string[] = [];
  /** keys added to #history since #sorted was last brought up to date */
  #unsorted: string[] = [];
  /** every entry with modRevision >= compactRevision, in (modRevision, sub) order, from #logStart */
  #log: Entry[] = [];
  #logStart = 0;
  /** keys compaction may shrink: more than one entry, or a tombstone */
  readonly #garbage = new Set<string>();
  /** latest revision; 1 for an empty store (as in etcd) */
  #revision = 1;
  /** reads below this revision fail; 0 when nothing was compacted */
  #compactRevision = 0;

  get revision(): number {
    return this.#revision;
  }

  get compactRevision(): number {
    return this.#compactRevision;
  }

  /** number of keys with retained history (live or not) */
  get keyCount(): number {
    return this.#history.size;
  }

  /** the live entry of `key` at the newest revision, including writes of a txn being applied */
  latest(key: string): Entry | undefined {
    const h = this.#history.get(key);
    if (!h) return undefined;
    const e = h[h.length - 1];
    return e.value === undefined ? undefined : e;
  }

  /** the live entry of `key` as of `rev` (rev >= compactRevision; not checked here) */
  at(key: string, rev: number): Entry | undefined {
    const h = this.#history.get(key);
    if (!h) return undefined;
    let e = h[h.length - 1];
    if (e.modRevision > rev) {
      const i = upperBound(h, rev) - 1;
      if (i < 0) return undefined;
      e = h[i];
    }
    return e.value === undefined ? undefined : e;
  }

  /** the entry written before `e` for the same key (live or tombstone), if retained */
  previous(e: Entry): Entry | undefined {
    const h = this.#history.get(e.key);
    if (!h) return undefined;
    const i = upperBound(h, e.modRevision) - 2;
    return i >= 0 ? h[i] : undefined;
  }

  #ensureSorted(): void {
    const pending = this.#unsorted;
    if (pending.length === 0) return;
    this.#unsorted = [];
    if (pending.length <= SPLICE_LIMIT) {
      for (const k of pending) this.#sorted.splice(lowerBoundKey(this.#sorted, k), 0, k);
      return;
    }
    pending.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const a = this.#sorted;
    const out = new Array<string>(a.length + pending.length);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < a.length && j < pending.length) out[o++] = a[i] < pending[j] ? a[i++] : pending[j++];
    while (i < a.length) out[o++] = a[i++];
    while (j < pending.length) out[o++] = pending[j++];
    this.#sorted = out;
  }

  /**
   * Live entries whose key starts with `prefix`, as of `rev`, in ascending key
   * order, only keys > `startAfter`, at most `limit` of them (0: no limit).
   * `more` is true when a further live key exists.
   */
  range(prefix: string, rev: number, startAfter: string | undefined, limit: number): { entries: Entry[]; more: boolean } {
    this.#ensureSorted();
    const keys = this.#sorted;
    const from = startAfter !== undefined && startAfter >= prefix ? startAfter : prefix;
    let i = lowerBoundKey(keys, from);
    if (i < keys.length && keys[i] === startAfter) i++;
    const entries: Entry[] = [];
    for (; i < keys.length; i++) {
      const k = keys[i];
      if (!k.startsWith(prefix)) break;
      const e = this.at(k, rev);
      if (!e) continue;
      if (limit > 0 && entries.length === limit) return { entries, more: true };
      entries.push(e);
    }
    return { entries, more: false };
  }

  /** keys under `prefix` that are live at the newest revision, ascending */
  liveKeys(prefix: string): string[] {
    this.#ensureSorted();
    const keys = this.#sorted;
    const out: string[] = [];
    for (let i = lowerBoundKey(keys, prefix); i < keys.length && keys[i].startsWith(prefix); i++) {
      if (this.latest(keys[i])) out.push(keys[i]);
    }
    return out;
  }

  /**
   * Appends a write of `key` at `rev` (a put when `value` is given, else a
   * tombstone). The caller writes tombstones only for live keys, writes a key
   * at most once per revision, and calls setRevision(rev) after the last write
   * of the revision.
   */
  write(key: string, rev: number, sub: number, value: Uint8Array | undefined, lease: string | undefined): Entry {
    let h = this.#history.get(key);
    if (!h) {
      h = [];
      this.#history.set(key, h);
      this.#unsorted.push(key);
    }
    const last = h.length > 0 ? h[h.length - 1] : undefined;
    const live = last?.value !== undefined ? last : undefined;
    const e: Entry =
      value === undefined
        ? { key, modRevision: rev, sub, createRevision: 0, version: 0, value: undefined, lease: undefined }
        : {
            key,
            modRevision: rev,
            sub,
            createRevision: live ? live.createRevision : rev,
            version: live ? live.version + 1 : 1,
            value,
            lease,
          };
    h.push(e);
    if (h.length > 1 || value === undefined) this.#garbage.add(key);
    this.#log.push(e);
    return e;
  }

  setRevision(rev: number): void {
    this.#revision = rev;
  }

  /**
   * Drops history below `rev`: per key, everything older than the newest
   * entry at or below `rev` (and that entry too when it is a tombstone older
   * than `rev`). Reads at `rev` and later are unchanged.
   */
  compact(rev: number): void {
    if (rev <= this.#compactRevision) return;
    let removed = false;
    for (const key of this.#garbage) {
      const h = this.#history.get(key)!;
      const i = upperBound(h, rev) - 1;
      if (i < 0) continue;
      const drop = h[i].value === undefined && h[i].modRevision < rev ? i + 1 : i;
      if (drop > 0) h.splice(0, drop);
      if (h.length === 0) {
        this.#history.delete(key);
        this.#garbage.delete(key);
        removed = true;
      } else if (h.length === 1 && h[0].value !== undefined) {
        this.#garbage.delete(key);
      }
    }
    if (removed) {
      this.#ensureSorted();
      this.#sorted = this.#sorted.filter((k) => this.#history.has(k));
    }
    this.#logStart = this.#logIndex(rev);
    if (this.#logStart >= LOG_TRIM && this.#logStart * 2 >= this.#log.length) {
      this.#log = this.#log.slice(this.#logStart);
      this.#logStart = 0;
    }
    this.#compactRevision = rev;
  }

  /** index of the first log entry with modRevision >= rev */
  #logIndex(rev: number): number {
    return upperBound(this.#log, rev - 1, this.#logStart);
  }

  /**
   * Log entries with fromRev <= modRevision <= toRev whose key starts with
   * `prefix`, in order. Stops after the revision at which `maxEntries` is
   * reached (never inside a revision); `next` is the first revision not scanned.
   */
  scan(fromRev: number, toRev: number, prefix: string, maxEntries: number): { entries: Entry[]; next: number } {
    const log = this.#log;
    const entries: Entry[] = [];
    let i = this.#logIndex(fromRev);
    while (i < log.length) {
      const rev = log[i].modRevision;
      if (rev > toRev) break;
      if (entries.length >= maxEntries) return { entries, next: rev };
      for (; i < log.length && log[i].modRevision === rev; i++) {
        if (log[i].key.startsWith(prefix)) entries.push(log[i]);
      }
    }
    return { entries, next: toRev + 1 };
  }

  /** every key with its retained history, in ascending key order (for snapshots; do not mutate) */
  *histories(): IterableIterator<[string, readonly Entry[]]> {
    this.#ensureSorted();
    for (const key of this.#sorted) yield [key, this.#history.get(key)!];
  }

  /**
   * Loads one key's history from a snapshot (before any write). Keys should
   * come in ascending order; call finishLoad() after the last one.
   */
  loadHistory(key: string, entries: Entry[]): void {
    this.#history.set(key, entries);
    const s = this.#sorted;
    if (s.length === 0 || s[s.length - 1] < key) s.push(key);
    else this.#unsorted.push(key);
    if (entries.length > 1 || entries[entries.length - 1].value === undefined) this.#garbage.add(key);
  }

  finishLoad(revision: number, compactRevision: number): void {
    this.#revision = revision;
    this.#compactRevision = compactRevision;
    const log: Entry[] = [];
    for (const h of this.#history.values()) {
      for (const e of h) if (e.modRevision >= compactRevision) log.push(e);
    }
    log.sort((a, b) => a.modRevision - b.modRevision || a.sub - b.sub);
    this.#log = log;
    this.#logStart = 0;
  }
}
