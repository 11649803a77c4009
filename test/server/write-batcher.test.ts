// Group commit over a real store: concurrent guarded writes share txns, yet
// each write's outcome is what it would have been alone.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WriteBatcher } from '../../src/server/write-batcher.js';
import { openEmbeddedStore } from '../../src/store/embedded/index.js';
import { MAX_TXN_OPS, type Store } from '../../src/store/index.js';

let dir: string;
let store: Store;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-batch-'));
  store = await openEmbeddedStore({ dataDir: dir });
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const enc = (s: string) => new TextEncoder().encode(s);
const create = (key: string, v = 'v') => ({ compares: [{ key, target: 'modRevision' as const, op: '=' as const, value: '0' }], ops: [{ type: 'put' as const, key, value: enc(v) }] });

describe('WriteBatcher', () => {
  it('commits concurrent writes to different keys in fewer txns', async () => {
    const b = new WriteBatcher(store);
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => b.submit(create(`/wb/a/${i}`))));
    assert.ok(outcomes.every((o) => o.succeeded));
    assert.ok(b.stats.txns < 40, `${b.stats.txns} txns for 40 writes`);
    assert.ok(new Set(outcomes.map((o) => o.revision)).size < 40, 'writes of one batch share a revision');
    assert.equal((await store.list('/wb/a/')).items.length, 40);
  });

  it('gives a failing write its own answer without failing the rest of its batch', async () => {
    const b = new WriteBatcher(store);
    await store.put('/wb/b/taken', enc('x'));
    const writes = [create('/wb/b/1'), create('/wb/b/taken'), create('/wb/b/2'), create('/wb/b/3')];
    const blocker = b.submit(create('/wb/b/0'));
    const outcomes = await Promise.all(writes.map((w) => b.submit(w)));
    await blocker;
    assert.deepEqual(outcomes.map((o) => o.succeeded), [true, false, true, true]);
    assert.equal(b.stats.split, 1);
    assert.equal(new TextDecoder().decode((await store.get('/wb/b/taken'))!.value), 'x', 'the refused write changed nothing');
  });

  it('keeps writes of one key in order, in separate txns', async () => {
    const b = new WriteBatcher(store);
    const first = b.submit(create('/wb/c/k', 'first'));
    const second = b.submit(create('/wb/c/k', 'second'));
    const third = b.submit(create('/wb/c/other'));
    assert.equal((await first).succeeded, true);
    assert.equal((await second).succeeded, false, 'the second create sees the first');
    assert.equal((await third).succeeded, true);
  });

  it('never puts more than MAX_TXN_OPS operations in one txn', async () => {
    const b = new WriteBatcher(store);
    const n = MAX_TXN_OPS * 2 + 7;
    const outcomes = await Promise.all(Array.from({ length: n }, (_, i) => b.submit(create(`/wb/d/${i}`))));
    assert.ok(outcomes.every((o) => o.succeeded));
    assert.equal((await store.list('/wb/d/')).items.length, n);
  });

  it('refuses reads and prefix deletes', () => {
    const b = new WriteBatcher(store);
    assert.throws(() => void b.submit({ compares: [], ops: [{ type: 'get', key: '/x' }] }), /puts and deletes/);
  });

  it('rejects every write of a txn the store refuses', async () => {
    const closedDir = await mkdtemp(join(tmpdir(), 'flotilla-batch-closed-'));
    const s = await openEmbeddedStore({ dataDir: closedDir });
    await s.close();
    const b = new WriteBatcher(s);
    const results = await Promise.allSettled([b.submit(create('/wb/e/1')), b.submit(create('/wb/e/2'))]);
    assert.ok(results.every((r) => r.status === 'rejected'));
    await rm(closedDir, { recursive: true, force: true });
  });
});
