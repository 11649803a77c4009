// Leader election over the Store contract: works on any backend (etcd,
// embedded), using only txn, list, watch and leases. It is etcd's
// concurrency/election recipe:
//
//   - A candidate puts electionPrefix(name) + <lease id>, attached to its
//     lease, value {"candidate": "<name>"}. The key's createRevision is its
//     place in the queue.
//   - The candidate with the lowest createRevision under the prefix leads.
//     Its createRevision is the fencing token: every later leader's key was
//     created later, so tokens strictly increase across successive leaders.
//   - Everyone else watches only the key just before its own (no thundering
//     herd) and re-lists when that key is deleted (resign, lease expiry,
//     withdrawal), since earlier keys may still exist.
//   - A leader's guard() is a txn compare on its own key's createRevision: it
//     fails once the key is gone (resigned, lease expired), so writes made
//     with it cannot land after leadership ended.
//
// Listing the candidates is O(candidates) per wake-up; the contract's list
// has no "sorted by createRevision, below mine" read like etcd's Go client uses.

import { anySignal } from '../lib/abort.js';
import { Backoff } from '../lib/backoff.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { CompactedError, FailedPreconditionError, FlotillaError, InvalidArgumentError, ShutdownError, toError } from '../errors.js';
import { electionPrefix, electionKey } from './keys.js';
import type { Compare, Lease, Store } from './store.js';

/** Who leads an election. */
export interface LeaderInfo {
  /** the name the leader campaigned with (a node name) */
  readonly candidate: string;
  /** createRevision of the leader's key; strictly increases across successive leaders */
  readonly fencingToken: string;
}

/** Held by the winner of campaign(). */
export interface Leadership extends LeaderInfo, AsyncDisposable {
  /** the election name */
  readonly election: string;
  /** this leader's key */
  readonly key: string;
  /**
   * Resolves (never rejects) once this process must stop acting as leader:
   * the lease was lost, the key disappeared, the store closed, or resign()
   * was called.
   */
  readonly lost: Promise<Error>;
  /** a txn compare that holds only while this leadership lasts; put it in every leader-only write */
  guard(): Compare;
  /**
   * Ends leadership: resolves `lost`, then deletes the key (guarded by the
   * fencing token) so the next candidate takes over at once. Idempotent; after
   * a failed delete a later call tries again (until then the key goes with
   * the lease). Does not revoke the lease.
   */
  resign(): Promise<void>;
}

export interface CampaignOptions {
  /** the candidacy key is attached to this lease; losing the lease ends the candidacy or leadership */
  readonly lease: Lease;
  /** aborting while waiting withdraws the candidacy (deletes its key) and rejects with the reason; ignored once leader */
  readonly signal: AbortSignal;
  /** for retry backoff; default systemClock */
  readonly clock?: Clock;
}

interface Candidate {
  readonly key: string;
  readonly createRevision: string;
  readonly candidate: string;
}

const PAGE = 1000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function encodeCandidate(candidate: string): Uint8Array {
  return encoder.encode(JSON.stringify({ candidate }));
}

function decodeCandidate(value: Uint8Array): string {
  const text = decoder.decode(value);
  try {
    const v = JSON.parse(text) as { candidate?: unknown };
    if (typeof v?.candidate === 'string') return v.candidate;
  } catch {
    // not ours: show the raw value
  }
  return text;
}

const byCreate = (a: Candidate, b: Candidate) => {
  const x = BigInt(a.createRevision);
  const y = BigInt(b.createRevision);
  return x < y ? -1 : x > y ? 1 : 0;
};

function leaderOf(candidates: Iterable<Candidate>): LeaderInfo | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) if (!best || byCreate(c, best) < 0) best = c;
  return best && { candidate: best.candidate, fencingToken: best.createRevision };
}

/** every candidate under the prefix, read at one revision */
async function listCandidates(store: Store, prefix: string, signal: AbortSignal | undefined): Promise<{ candidates: Candidate[]; revision: string }> {
  const candidates: Candidate[] = [];
  let revision: string | undefined;
  let startAfter: string | undefined;
  for (;;) {
    const page = await store.list(prefix, { limit: PAGE, ...(startAfter !== undefined ? { startAfter } : {}), ...(revision !== undefined ? { revision } : {}), ...(signal ? { signal } : {}) });
    revision ??= page.revision;
    for (const kv of page.items) candidates.push({ key: kv.key, createRevision: kv.createRevision, candidate: decodeCandidate(kv.value) });
    if (!page.more || page.items.length === 0) return { candidates, revision };
    startAfter = page.items[page.items.length - 1].key;
  }
}

const isRetryable = (err: unknown) => err instanceof FlotillaError && err.retryable;

/** The leader of election `name` now, or undefined when nobody campaigns. */
export async function currentLeader(store: Store, name: string, opts: { signal?: AbortSignal } = {}): Promise<LeaderInfo | undefined> {
  return leaderOf((await listCandidates(store, electionPrefix(name), opts.signal)).candidates);
}

/**
 * Campaigns in election `name` (a DNS label) as `candidate` and resolves once
 * this candidate leads. Waits as long as it takes. Rejects with the signal's
 * reason when aborted (the candidacy is withdrawn first), with
 * FailedPreconditionError when the lease or the candidacy key is lost while
 * waiting, or with a non-retryable store error (retryable ones are retried).
 * One campaign per lease and election at a time.
 */
export async function campaign(store: Store, name: string, candidate: string, opts: CampaignOptions): Promise<Leadership> {
  if (candidate.length === 0) throw new InvalidArgumentError('campaign: candidate must not be empty');
  const { lease, signal } = opts;
  const clock = opts.clock ?? systemClock;
  const prefix = electionPrefix(name);
  const key = electionKey(name, lease.id);
  signal.throwIfAborted();

  // the lease ending (or the caller aborting) stops every wait below
  const stop = new AbortController();
  let lostReason: Error | undefined;
  void lease.lost.then((e) => {
    lostReason = e;
    stop.abort(e);
  });
  const waitSignal = anySignal(signal, stop.signal);
  const backoff = new Backoff({ initialMs: 50, maxMs: 2_000 });
  const retry = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (waitSignal.aborted || !isRetryable(err)) throw err;
        await clock.sleep(backoff.next(), waitSignal);
      }
    }
  };

  let createRevision: string | undefined;
  try {
    createRevision = await retry(() => joinQueue(store, key, candidate, lease, waitSignal));
    for (;;) {
      const { candidates, revision } = await retry(() => listCandidates(store, prefix, waitSignal));
      backoff.reset();
      const mine = candidates.find((c) => c.key === key);
      if (!mine || mine.createRevision !== createRevision) {
        throw new FailedPreconditionError(`election '${name}': candidacy ${key} disappeared while waiting`);
      }
      const ahead = candidates.filter((c) => byCreate(c, mine) < 0).sort(byCreate);
      if (ahead.length === 0) {
        return new StoreLeadership(store, name, key, candidate, createRevision, lease, BigInt(revision) + 1n);
      }
      await waitForDelete(store, ahead[ahead.length - 1].key, BigInt(revision) + 1n, waitSignal);
    }
  } catch (err) {
    if (!lostReason) await withdraw(store, key, createRevision);
    if (signal.aborted) throw signal.reason as Error;
    if (lostReason) throw new FailedPreconditionError(`election '${name}': lease ${lease.id} lost while waiting`, { cause: lostReason });
    throw toError(err);
  }
}

/** puts the candidacy key (or adopts it when this lease already has one); returns its createRevision */
async function joinQueue(store: Store, key: string, candidate: string, lease: Lease, signal: AbortSignal): Promise<string> {
  const value = encodeCandidate(candidate);
  const res = await store.txn(
    {
      compares: [{ key, target: 'createRevision', op: '=', value: '0' }],
      success: [{ type: 'put', key, value, lease: lease.id }],
      failure: [{ type: 'get', key }],
    },
    { signal },
  );
  if (res.succeeded) return res.revision;
  const r = res.results[0];
  const kv = r.type === 'get' ? r.kv : undefined;
  if (!kv) throw new FlotillaError('ABORTED', `election key ${key} changed while joining`, { retryable: true });
  if (decodeCandidate(kv.value) !== candidate) {
    await store.txn({ compares: [{ key, target: 'createRevision', op: '=', value: kv.createRevision }], success: [{ type: 'put', key, value, lease: lease.id }] }, { signal });
  }
  return kv.createRevision;
}

/** resolves when `key` is deleted at or after `fromRevision` (or history was compacted: re-list) */
async function waitForDelete(store: Store, key: string, fromRevision: bigint, signal: AbortSignal): Promise<void> {
  try {
    for await (const ev of store.watch(key, { signal, fromRevision: String(fromRevision) })) {
      if (ev.type === 'delete' && ev.key === key) return;
    }
  } catch (err) {
    if (err instanceof CompactedError) return;
    throw err;
  }
  signal.throwIfAborted();
  throw new ShutdownError('store closed while waiting for election');
}

/**
 * Deletes our candidacy key if it is still the one we created (or, when the
 * join's outcome is unknown, whatever this lease put there); best effort.
 */
async function withdraw(store: Store, key: string, createRevision: string | undefined): Promise<void> {
  try {
    const compares: Compare[] = createRevision === undefined ? [] : [{ key, target: 'createRevision', op: '=', value: createRevision }];
    await store.txn({ compares, success: [{ type: 'delete', key }] });
  } catch {
    // unreachable store: the key goes when the lease ends
  }
}

class StoreLeadership implements Leadership {
  readonly lost: Promise<Error>;
  #resolveLost!: (e: Error) => void;
  #isLost = false;
  readonly #monitor = new AbortController();
  #resigning: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    readonly election: string,
    readonly key: string,
    readonly candidate: string,
    readonly fencingToken: string,
    lease: Lease,
    fromRevision: bigint,
  ) {
    this.lost = new Promise<Error>((resolve) => (this.#resolveLost = resolve));
    void lease.lost.then((e) => this.#end(new FailedPreconditionError(`election '${election}': lease ${lease.id} lost`, { cause: e })));
    void this.#watchKey(fromRevision).then(
      (reason) => this.#end(reason),
      (err: unknown) => this.#end(toError(err)),
    );
  }

  #end(reason: Error): void {
    if (this.#isLost) return;
    this.#isLost = true;
    this.#monitor.abort(reason);
    this.#resolveLost(reason);
  }

  /** watches our own key; resolves with why leadership ended */
  async #watchKey(from: bigint): Promise<Error> {
    const signal = this.#monitor.signal;
    for (;;) {
      try {
        for await (const ev of this.store.watch(this.key, { signal, fromRevision: String(from) })) {
          if (ev.type === 'bookmark' || ev.key !== this.key) continue;
          if (ev.type === 'delete' || ev.createRevision !== this.fencingToken) {
            return new FailedPreconditionError(`election '${this.election}': leader key ${this.key} was deleted`);
          }
        }
        return signal.aborted ? toError(signal.reason) : new ShutdownError(`election '${this.election}': store closed`);
      } catch (err) {
        if (!(err instanceof CompactedError)) throw err;
        // history we needed is gone: check the key itself, then watch on from there
        const res = await this.store.txn({ compares: [], success: [{ type: 'get', key: this.key }] }, { signal });
        const r = res.results[0];
        if (r.type !== 'get' || r.kv?.createRevision !== this.fencingToken) {
          return new FailedPreconditionError(`election '${this.election}': leader key ${this.key} was deleted`);
        }
        from = BigInt(res.revision) + 1n;
      }
    }
  }

  guard(): Compare {
    return { key: this.key, target: 'createRevision', op: '=', value: this.fencingToken };
  }

  resign(): Promise<void> {
    this.#end(new FailedPreconditionError(`election '${this.election}': resigned`));
    this.#resigning ??= this.store
      .txn({ compares: [this.guard()], success: [{ type: 'delete', key: this.key }] })
      .then(() => undefined)
      .catch((err: unknown) => {
        this.#resigning = undefined;
        throw toError(err);
      });
    return this.#resigning;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.resign();
  }
}

/**
 * The leader of election `name` as it changes: first the current one (or
 * undefined), then each change. Consecutive values always differ. Re-lists
 * after compaction and retries retryable store errors; the signal (or
 * `break`) ends it without an error.
 */
export async function* observeLeader(
  store: Store,
  name: string,
  opts: { signal: AbortSignal; clock?: Clock },
): AsyncGenerator<LeaderInfo | undefined, void, undefined> {
  const { signal } = opts;
  const clock = opts.clock ?? systemClock;
  const prefix = electionPrefix(name);
  const backoff = new Backoff({ initialMs: 50, maxMs: 2_000 });
  /** identity of the last value yielded; null before the first */
  let last: string | null = null;
  const changed = (now: LeaderInfo | undefined) => {
    const id = now ? `${now.fencingToken}/${now.candidate}` : '';
    if (id === last) return false;
    last = id;
    return true;
  };
  while (!signal.aborted) {
    try {
      const { candidates, revision } = await listCandidates(store, prefix, signal);
      backoff.reset();
      const live = new Map(candidates.map((c) => [c.key, c]));
      const now = leaderOf(live.values());
      if (changed(now)) yield now;
      for await (const ev of store.watch(prefix, { signal, fromRevision: String(BigInt(revision) + 1n) })) {
        if (ev.type === 'put') live.set(ev.key, { key: ev.key, createRevision: ev.createRevision, candidate: decodeCandidate(ev.value) });
        else if (ev.type === 'delete') live.delete(ev.key);
        else continue;
        const next = leaderOf(live.values());
        if (changed(next)) yield next;
      }
      return;
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof CompactedError) continue;
      if (!isRetryable(err)) throw err;
      try {
        await clock.sleep(backoff.next(), signal);
      } catch {
        return;
      }
    }
  }
}
