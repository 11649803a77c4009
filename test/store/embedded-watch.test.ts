// Watch behaviour specific to the embedded backend: bookmarks on an idle
// watch (FakeClock), no loss for a slow consumer far behind, CompactedError
// for a watcher that history compaction overtook, and one shared event object
// per write across watchers (no per-watcher copies).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFlotillaError } from '../../src/errors.js';
import { openEmbeddedStore } from '../../src/store/embedded/index.js';
import type { TxnOp, WatchEvent } from '../../src/store/store.js';
import { collectUntil } from '../helpers/eventually.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { enc, tempDirs } from '../helpers/tmp.js';


const newDir = tempDirs('flotilla-watch-');

void describe('embedded store watches', () => {
  void it('emits a bookmark at the current revision once a whole interval passed without events', async () => {
    const clock = new FakeClock();
    const store = await openEmbeddedStore({ dataDir: await newDir(), clock });
    try {
      const r1 = (await store.put('/w/a', enc('1'))).revision;
      const ac = new AbortController();
      const it = store.watch('/w/', { signal: ac.signal, bookmarkIntervalMs: 1000 })[Symbol.asyncIterator]();
      let pending = it.next();
      await clock.advance(1000);
      assert.deepEqual((await pending).value, { type: 'bookmark', revision: r1 });
      await clock.advance(500);
      await store.put('/w/b', enc('2'));
      assert.equal(((await it.next()).value as WatchEvent).type, 'put');
      pending = it.next();
      let isSettled = false;
      void pending.then(() => (isSettled = true));
      await clock.advance(500);
      assert.equal(isSettled, false, 'no bookmark half an interval after an event');
      const r3 = (await store.put('/other', enc('x'))).revision;
      await clock.advance(499);
      assert.equal(isSettled, false);
      await clock.advance(1);
      assert.deepEqual((await pending).value, { type: 'bookmark', revision: r3 }, 'writes under other prefixes advance bookmarks too');
      pending = it.next();
      await clock.advance(1000);
      assert.deepEqual((await pending).value, { type: 'bookmark', revision: r3 }, 'and again after each idle interval');
      ac.abort();
      assert.equal(clock.pendingTimers, 0, 'the bookmark timer stops with the watch');
    } finally {
      await store.close();
    }
  });

  void it('delivers every event, in order, to a consumer that starts far behind', async () => {
    const store = await openEmbeddedStore({ dataDir: await newDir(), fsync: false });
    try {
      const from = await store.revision();
      const expected: string[] = [];
      for (let t = 0; t < 30; t++) {
        const success: TxnOp[] = Array.from({ length: 100 }, (_, i) => ({ type: 'put', key: `/k/${t}/${i}`, value: enc(String(i)) }));
        await store.txn({ compares: [], success });
        expected.push(...success.map((op) => (op.type === 'put' ? op.key : '')));
      }
      const ac = new AbortController();
      const it = store.watch('/k/', { signal: ac.signal, fromRevision: String(BigInt(from) + 1n) })[Symbol.asyncIterator]();
      const got = await collectUntil(it, (items) => items.length >= expected.length);
      assert.deepEqual(got.map((e) => (e.type === 'put' ? e.key : e.type)), expected);
      ac.abort();
    } finally {
      await store.close();
    }
  });

  void it('fails a watcher with OUT_OF_RANGE once compaction passes events it has not read', async () => {
    const store = await openEmbeddedStore({ dataDir: await newDir(), fsync: false, historyLimit: 10 });
    try {
      const ac = new AbortController();
      const it = store.watch('/', { signal: ac.signal })[Symbol.asyncIterator]();
      for (let i = 0; i < 30; i++) await store.put('/k', enc(String(i)));
      await assert.rejects(it.next(), (err: unknown) => isFlotillaError(err, 'OUT_OF_RANGE'));
      assert.equal((await it.next()).done, true, 'the failed watch is over');
    } finally {
      await store.close();
    }
  });

  void it('hands every watcher the same event object for a write instead of a copy each', async () => {
    const store = await openEmbeddedStore({ dataDir: await newDir(), fsync: false });
    try {
      const ac = new AbortController();
      const a = store.watch('/', { signal: ac.signal })[Symbol.asyncIterator]();
      const b = store.watch('/k', { signal: ac.signal })[Symbol.asyncIterator]();
      await store.put('/k', enc('v'));
      const [ea, eb] = [(await a.next()).value as WatchEvent, (await b.next()).value as WatchEvent];
      assert.equal(ea, eb);
      assert.ok(ea.type === 'put');
      ea.value[0] = 0;
      assert.equal(new TextDecoder().decode((await store.get('/k'))?.value), 'v', 'event bytes are not the stored bytes');
      ac.abort();
    } finally {
      await store.close();
    }
  });

  void it('refuses to start a watch on a closed store', async () => {
    const store = await openEmbeddedStore({ dataDir: await newDir(), fsync: false });
    await store.close();
    assert.throws(() => store.watch('/', { signal: new AbortController().signal }), (err: unknown) => isFlotillaError(err, 'FAILED_PRECONDITION'));
  });
});
