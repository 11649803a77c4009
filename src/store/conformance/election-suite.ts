// The election conformance suite: what ../election.ts must do on any Store
// backend. A backend's test file calls runElectionConformance() with a
// factory; every candidate gets its own Store from open() (as separate daemons
// would) and its own lease. Each test uses its own election name, so tests
// sharing one etcd never see each other's candidates.
//
// Timing is never asserted; waits use generous deadlines. Lease loss is
// driven with abandon() and a 1 s TTL (etcd may grant more; the suite only
// relies on `lost` resolving eventually).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { assertEventually, within } from '../../../test/helpers/eventually.js';
import { campaign, currentLeader, observeLeader, type LeaderInfo, type Leadership } from '../election.js';
import { electionPrefix } from '../keys.js';
import type { Lease, Store } from '../store.js';

export interface ElectionStoreFactory {
  /** a new Store; the suite closes every store it opened at the end of each test */
  open(): Promise<Store>;
}

/** a fresh election name: a lower-case DNS label */
const electionName = (): string => `e-${randomUUID().slice(0, 8)}`;

/** resolves with `p`'s value, or fails after `ms` */

/** A campaign whose outcome can be looked at without awaiting it. */
interface Tracked {
  readonly name: string;
  readonly store: Store;
  readonly lease: Lease;
  readonly ac: AbortController;
  readonly promise: Promise<Leadership>;
  leadership: Leadership | undefined;
  error: unknown;
}

interface World {
  /** opens a store and grants a lease on it (ttl 1 s unless given) */
  member(ttlSeconds?: number): Promise<{ store: Store; lease: Lease }>;
  /** starts a campaign in election `election` as `name` on its own store and lease */
  run(election: string, name: string, ttlSeconds?: number): Promise<Tracked>;
  /** a store only for looking (currentLeader, list) */
  observer(): Promise<Store>;
}

export function runElectionConformance(name: string, factory: ElectionStoreFactory): void {
  /** an it() with a World whose stores and leases are always cleaned up */
  function test(title: string, fn: (w: World) => Promise<void>): void {
    it(title, async () => {
      const stores: Store[] = [];
      const leases: Lease[] = [];
      const campaigns: Tracked[] = [];
      const openStore = async () => {
        const s = await factory.open();
        stores.push(s);
        return s;
      };
      const world: World = {
        async member(ttlSeconds = 1) {
          const store = await openStore();
          const lease = await store.grantLease(ttlSeconds);
          leases.push(lease);
          return { store, lease };
        },
        async run(election, who, ttlSeconds) {
          const { store, lease } = await world.member(ttlSeconds);
          const ac = new AbortController();
          const t: Tracked = { name: who, store, lease, ac, promise: campaign(store, election, who, { lease, signal: ac.signal }), leadership: undefined, error: undefined };
          t.promise.then(
            (l) => (t.leadership = l),
            (e: unknown) => (t.error = e),
          );
          campaigns.push(t);
          return t;
        },
        observer: openStore,
      };
      try {
        await fn(world);
      } finally {
        for (const c of campaigns) c.ac.abort();
        await Promise.allSettled(campaigns.map((c) => c.promise));
        await Promise.allSettled(leases.map((l) => l.revoke()));
        await Promise.allSettled(stores.map((s) => s.close()));
      }
    });
  }

  const leaders = (cs: readonly Tracked[]) => cs.filter((c) => c.leadership !== undefined);

  describe(`election conformance: ${name}`, () => {
    test('elects exactly one leader among three candidates and hands over on resign', async (w) => {
      const election = electionName();
      const cs = [await w.run(election, 'node-a'), await w.run(election, 'node-b'), await w.run(election, 'node-c')];
      const tokens: bigint[] = [];
      const seen: string[] = [];
      for (let round = 0; round < 3; round++) {
        const leader = await within(Promise.race(cs.filter((c) => !seen.includes(c.name)).map((c) => c.promise)), 15_000, `round ${round} leader`);
        await assertEventually(() => assert.ok(leaders(cs).some((c) => c.leadership === leader), 'winner not recorded yet'));
        assert.equal(leaders(cs).filter((c) => !seen.includes(c.name)).length, 1, 'one leader at a time');
        assert.equal(leader.candidate, cs.find((c) => c.leadership === leader)!.name);
        const now = await currentLeader(await w.observer(), election);
        assert.deepEqual(now && { candidate: now.candidate, fencingToken: now.fencingToken }, { candidate: leader.candidate, fencingToken: leader.fencingToken });
        tokens.push(BigInt(leader.fencingToken));
        seen.push(leader.candidate);
        await leader.resign();
        await leader.resign();
        assert.match((await within(leader.lost, 5_000, 'lost after resign')).message, /resign/);
      }
      assert.deepEqual([...tokens].sort((a, b) => (a < b ? -1 : 1)), tokens, 'fencing tokens increase');
      assert.equal(new Set(tokens).size, 3);
      assert.equal(await currentLeader(await w.observer(), election), undefined);
      assert.deepEqual(cs.map((c) => c.error), [undefined, undefined, undefined]);
    });

    test('a leader whose lease is abandoned loses, and the next candidate leads with a larger fencing token', async (w) => {
      const election = electionName();
      const a = await w.run(election, 'node-a');
      const first = await within(a.promise, 15_000, 'first leader');
      const b = await w.run(election, 'node-b', 30);
      a.lease.abandon();
      const reason = await within(first.lost, 20_000, 'lost after abandon');
      assert.ok(reason instanceof Error);
      const second = await within(b.promise, 20_000, 'second leader');
      assert.equal(second.candidate, 'node-b');
      assert.ok(BigInt(second.fencingToken) > BigInt(first.fencingToken));
    });

    test("a stale leader's guard fails in a txn while the new leader's holds", async (w) => {
      const election = electionName();
      const a = await w.run(election, 'node-a');
      const first = await within(a.promise, 15_000, 'first leader');
      const b = await w.run(election, 'node-b');
      await first.resign();
      const second = await within(b.promise, 15_000, 'second leader');
      const s = await w.observer();
      const key = `/conformance-election/${election}/fenced`;
      const stale = await s.txn({ compares: [first.guard()], success: [{ type: 'put', key, value: new TextEncoder().encode('a') }] });
      assert.equal(stale.succeeded, false, 'the old leader can no longer write');
      const fresh = await s.txn({ compares: [second.guard()], success: [{ type: 'put', key, value: new TextEncoder().encode('b') }] });
      assert.equal(fresh.succeeded, true);
      assert.equal(new TextDecoder().decode((await s.get(key))!.value), 'b');
      await s.delete(key);
    });

    test('aborting a waiting candidate withdraws its candidacy', async (w) => {
      const election = electionName();
      const a = await w.run(election, 'node-a');
      const leader = await within(a.promise, 15_000, 'leader');
      const b = await w.run(election, 'node-b');
      const s = await w.observer();
      await assertEventually(async () => assert.equal((await s.list(electionPrefix(election))).items.length, 2));
      const why = new Error('changed my mind');
      b.ac.abort(why);
      await assert.rejects(within(b.promise, 10_000, 'aborted campaign'), (err) => err === why);
      await assertEventually(async () => {
        const keys = (await s.list(electionPrefix(election))).items.map((kv) => kv.key);
        assert.deepEqual(keys, [leader.key]);
      });
      await leader.resign();
      assert.equal(await currentLeader(s, election), undefined);
    });

    test('a leader whose key is deleted by someone else loses leadership', async (w) => {
      const election = electionName();
      const a = await w.run(election, 'node-a');
      const leader = await within(a.promise, 15_000, 'leader');
      const b = await w.run(election, 'node-b');
      await (await w.observer()).delete(leader.key);
      assert.ok((await within(leader.lost, 10_000, 'lost after key deletion')) instanceof Error);
      const next = await within(b.promise, 15_000, 'next leader');
      assert.ok(BigInt(next.fencingToken) > BigInt(leader.fencingToken));
    });

    test('a waiting candidate whose lease is lost fails its campaign', async (w) => {
      const election = electionName();
      const a = await w.run(election, 'node-a', 30);
      await within(a.promise, 15_000, 'leader');
      const b = await w.run(election, 'node-b');
      const s = await w.observer();
      await assertEventually(async () => assert.equal((await s.list(electionPrefix(election))).items.length, 2));
      b.lease.abandon();
      await assert.rejects(within(b.promise, 20_000, 'campaign after lease loss'), (err) => err instanceof Error && err.name !== 'AbortError');
      await assertEventually(async () => assert.equal((await s.list(electionPrefix(election))).items.length, 1), { timeoutMs: 20_000 });
    });

    test('currentLeader and observeLeader report every change of leader', async (w) => {
      const election = electionName();
      const s = await w.observer();
      const ac = new AbortController();
      const seen: Array<LeaderInfo | undefined> = [];
      const observing = (async () => {
        for await (const l of observeLeader(s, election, { signal: ac.signal })) seen.push(l);
      })();
      try {
        await assertEventually(() => assert.deepEqual(seen, [undefined]));
        assert.equal(await currentLeader(s, election), undefined);
        const a = await w.run(election, 'node-a');
        const la = await within(a.promise, 15_000, 'a leads');
        const b = await w.run(election, 'node-b');
        // b's campaign joins the queue asynchronously: a must not resign before b's key exists
        await assertEventually(async () => assert.equal((await s.list(electionPrefix(election))).items.length, 2, 'b has not joined the queue'));
        await assertEventually(() => assert.deepEqual(seen.map((l) => l?.candidate), [undefined, 'node-a']));
        assert.equal(seen[1]!.fencingToken, la.fencingToken);
        await la.resign();
        const lb = await within(b.promise, 15_000, 'b leads');
        await assertEventually(() => assert.deepEqual(seen.map((l) => l?.candidate), [undefined, 'node-a', 'node-b']));
        assert.equal(seen[2]!.fencingToken, lb.fencingToken);
        assert.deepEqual(await currentLeader(s, election), { candidate: 'node-b', fencingToken: lb.fencingToken });
        await lb.resign();
        await assertEventually(() => assert.deepEqual(seen.map((l) => l?.candidate), [undefined, 'node-a', 'node-b', undefined]));
      } finally {
        ac.abort();
        await observing;
      }
    });
  });
}
