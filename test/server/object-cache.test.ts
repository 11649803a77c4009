// ObjectServer.changed / ObjectCache.changed on a real embedded store: a
// waiter resolves when an object of a kind it waits on changes, not for
// another kind, and rejects when aborted (no timer involved).

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { startObjects, type TestObjects } from '../helpers/objects.js';

let dir: string;
let env: TestObjects;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-cache-'));
  env = await startObjects(dir);
});
after(async () => {
  await env?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

const settled = async (p: Promise<void>) => {
  let state = 'pending';
  p.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  return state;
};

it('wakes a waiter for a change of a kind it waits on, and not for another kind', async () => {
  const { objects } = env;
  const ac = new AbortController();
  const waiting = objects.changed(['Variable', 'ClusterVariable'], ac.signal);
  await objects.apply({ apiVersion: 'flotilla/v1alpha1', kind: 'NodeGroup', metadata: { name: 'other-kind' }, spec: { nodes: ['a'] } }, {});
  await objects.list('NodeGroup');
  assert.equal(await settled(waiting), 'pending', 'a NodeGroup change does not wake it');
  await objects.apply({ apiVersion: 'flotilla/v1alpha1', kind: 'ClusterVariable', metadata: { name: 'woken' }, spec: { value: 1 } }, {});
  await objects.list('ClusterVariable');
  assert.equal(await settled(waiting), 'resolved');
});

it('rejects a waiter when aborted', async () => {
  const ac = new AbortController();
  const waiting = env.objects.changed(['Variable'], ac.signal);
  ac.abort(new Error('stop'));
  await assert.rejects(waiting, /stop/);
});
