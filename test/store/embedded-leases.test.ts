// Lease expiry in the embedded store, driven by a FakeClock: an abandoned
// lease ends exactly one TTL later, a held one never does, a lease found on
// disk expires one TTL after the reopen, and an idle store sets no timers.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFlotillaError } from '../../src/errors.js';
import { openEmbeddedStore } from '../../src/store/embedded/index.js';
import { assertEventually } from '../helpers/eventually.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { enc, tempDirs } from '../helpers/tmp.js';


const newDir = tempDirs('flotilla-lease-');

void describe('embedded store leases', () => {
  void it('deletes the keys of an abandoned lease exactly one TTL later and resolves lost', async () => {
    const clock = new FakeClock();
    const store = await openEmbeddedStore({ dataDir: await newDir(), clock });
    try {
      const lease = await store.grantLease(5);
      await store.put('/a', enc('1'), { lease: lease.id });
      await store.put('/b', enc('1'), { lease: lease.id });
      await store.put('/free', enc('1'));
      lease.abandon();
      await clock.advance(4_999);
      assert.equal((await store.list('/')).items.length, 3, 'still there just before the TTL');
      const before = BigInt(await store.revision());
      await clock.advance(1);
      await assertEventually(async () => assert.deepEqual((await store.list('/')).items.map((kv) => kv.key), ['/free']));
      assert.equal(BigInt(await store.revision()), before + 1n, 'all keys of the lease go in one revision');
      const reason = await lease.lost;
      assert.ok(isFlotillaError(reason, 'FAILED_PRECONDITION') && /expired/.test(reason.message), String(reason));
      await assert.rejects(store.put('/c', enc('1'), { lease: lease.id }), (err: unknown) => isFlotillaError(err, 'NOT_FOUND'));
      assert.equal(clock.pendingTimers, 0, 'no timer left once no lease can expire');
    } finally {
      await store.close();
    }
  });

  void it('never expires a lease that is held, and sets no timer for it', async () => {
    const clock = new FakeClock();
    const store = await openEmbeddedStore({ dataDir: await newDir(), clock });
    try {
      const lease = await store.grantLease(1);
      await store.put('/a', enc('1'), { lease: lease.id });
      assert.equal(clock.pendingTimers, 0);
      await clock.advance(3_600_000);
      assert.equal((await store.get('/a'))?.lease, lease.id);
      await lease.revoke();
      assert.equal(await store.get('/a'), undefined);
      assert.ok(isFlotillaError(await lease.lost, 'CANCELLED'));
    } finally {
      await store.close();
    }
  });

  void it('expires a lease found on disk one TTL after the reopen, counted from the reopen', async () => {
    const dir = await newDir();
    const clock = new FakeClock();
    let store = await openEmbeddedStore({ dataDir: dir, clock, snapshotEvery: 3 });
    const lease = await store.grantLease(10);
    await store.put('/a', enc('1'), { lease: lease.id });
    await store.put('/b', enc('1'), { lease: lease.id });
    await store.put('/c', enc('1'));
    await store.close();
    assert.ok(isFlotillaError(await lease.lost, 'CANCELLED'), 'close ends the handle');
    await clock.advance(60_000);
    store = await openEmbeddedStore({ dataDir: dir, clock });
    try {
      assert.equal(clock.pendingTimers, 1, 'one timer, for the next expiry');
      await clock.advance(9_999);
      assert.equal((await store.list('/')).items.length, 3);
      await clock.advance(1);
      await assertEventually(async () => assert.deepEqual((await store.list('/')).items.map((kv) => kv.key), ['/c']));
    } finally {
      await store.close();
    }
    store = await openEmbeddedStore({ dataDir: dir, clock });
    try {
      assert.deepEqual((await store.list('/')).items.map((kv) => kv.key), ['/c'], 'the expiry was persisted');
      assert.equal(clock.pendingTimers, 0);
    } finally {
      await store.close();
    }
  });

  void it('never hands out a lease id twice, even across reopen', async () => {
    const dir = await newDir();
    let store = await openEmbeddedStore({ dataDir: dir, snapshotEvery: 2 });
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const l = await store.grantLease(60);
      ids.add(l.id);
      await l.revoke();
    }
    await store.close();
    store = await openEmbeddedStore({ dataDir: dir });
    try {
      const l = await store.grantLease(60);
      assert.ok(!ids.has(l.id), `id ${l.id} reused`);
      await l.revoke();
    } finally {
      await store.close();
    }
  });

  void it('rejects a TTL that is not a positive whole number of seconds', async () => {
    const store = await openEmbeddedStore({ dataDir: await newDir() });
    try {
      for (const ttl of [0, -1, 1.5, Number.NaN]) {
        await assert.rejects(store.grantLease(ttl), (err: unknown) => isFlotillaError(err, 'INVALID_ARGUMENT'), `ttl ${ttl}`);
      }
    } finally {
      await store.close();
    }
  });

  void it('keeps an idle store free of timers', async () => {
    const clock = new FakeClock();
    const store = await openEmbeddedStore({ dataDir: await newDir(), clock });
    try {
      await store.put('/k', enc('v'));
      const ac = new AbortController();
      const w = store.watch('/', { signal: ac.signal })[Symbol.asyncIterator]();
      const pending = w.next();
      assert.equal(clock.pendingTimers, 0);
      ac.abort();
      assert.equal((await pending).done, true);
    } finally {
      await store.close();
    }
  });
});
