// The gossip recorder (src/agent/gossip-recorder.ts) on a real embedded
// store and object server, fed by a hand-driven member list: a member whose
// Node is registered only after the recorder started is recorded as soon as
// the Node appears (the watch on Node objects), not by the retry timer — the
// recorder's clock is a fake one that never moves here. A state change then
// makes exactly one more Event.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { GossipRecorder, type GossipMember, type GossipSource } from '../../src/agent/gossip-recorder.js';
import { silentLogger } from '../../src/log.js';
import type { NodeGossip } from '../../src/resources/index.js';
import type { ObjectServer } from '../../src/server/index.js';
import { campaign, type Store } from '../../src/store/index.js';
import { assertEventually } from '../helpers/eventually.js';
import { startObjects, type TestObjects } from '../helpers/objects.js';
import { FakeClock } from '../helpers/fake-clock.js';

let dir: string;
let env: TestObjects;
let store: Store;
let objects: ObjectServer;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-recorder-'));
  env = await startObjects(dir);
  ({ store, objects } = env);
});
after(async () => {
  await env?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

/** a member list the test changes by hand, as the failure detector would */
class Members implements GossipSource {
  list: GossipMember[] = [];
  readonly #fns = new Set<(e: { member: GossipMember }) => void>();
  members(): readonly GossipMember[] {
    return this.list;
  }
  subscribe(fn: (e: { member: GossipMember }) => void): () => void {
    this.#fns.add(fn);
    return () => void this.#fns.delete(fn);
  }
  set(m: GossipMember): void {
    this.list = [...this.list.filter((x) => x.name !== m.name), m];
    for (const fn of this.#fns) fn({ member: m });
  }
}

const gossipOf = async (name: string) => ((await objects.getInternal('Node', undefined, name, { fresh: true }))?.status as { gossip?: NodeGossip } | undefined)?.gossip;
const reasons = async (name: string) =>
  (await objects.list('Event', { namespace: 'system', labelSelector: `flotilla.io/node=${name}` })).items.map((e) => (e.spec as { reason: string }).reason).sort();

it('records a member as soon as its Node is registered, and one Event per state change', async () => {
  const members = new Members();
  members.set({ name: 'late', incarnation: 1, state: 'alive', since: Date.UTC(2026, 0, 1) });
  const lease = await store.grantLease(30);
  const ac = new AbortController();
  const leadership = await campaign(store, 'test', 'me', { lease, signal: ac.signal });
  const recorder = new GossipRecorder({ store, objects, gossip: members, clock: new FakeClock(0), log: silentLogger(), node: 'me' });
  await recorder.start(leadership);
  try {
    await objects.apply({ apiVersion: 'flotilla/v1alpha1', kind: 'Node', metadata: { name: 'late' }, spec: {} });
    await assertEventually(async () => assert.equal((await gossipOf('late'))?.state, 'alive', 'recorded alive without the retry timer'), { timeoutMs: 10_000 });
    members.set({ name: 'late', incarnation: 1, state: 'suspect', since: Date.UTC(2026, 0, 1, 0, 1) });
    await assertEventually(async () => assert.equal((await gossipOf('late'))?.state, 'suspect', 'recorded suspect'), { timeoutMs: 10_000 });
    assert.deepEqual(await reasons('late'), ['NodeAlive', 'NodeSuspect']);
  } finally {
    await recorder.stop();
    await lease.revoke();
  }
});
