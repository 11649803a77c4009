// Group commit in the embedded store: concurrent writers share fsyncs, yet
// every write gets its own revision, is readable as soon as it is
// acknowledged, survives a reopen, and compare-and-swap loops lose no update.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFlotillaError } from '../../src/errors.js';
import { openEmbeddedStore } from '../../src/store/embedded/index.js';
import { enc, dec, tempDirs } from '../helpers/tmp.js';


const newDir = tempDirs('flotilla-group-');

const WRITERS = 16;
const PER_WRITER = 40;

void describe('embedded store group commit', () => {
  void it('gives concurrent writers distinct consecutive revisions in fewer fsyncs, readable once acknowledged', async () => {
    const dir = await newDir();
    let store = await openEmbeddedStore({ dataDir: dir });
    const start = BigInt(await store.revision());
    const acked: Array<{ key: string; value: string; revision: string }> = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < PER_WRITER; i++) {
          const key = `/g/${w}/${i}`;
          const value = `${w}.${i}`;
          const { revision } = await store.put(key, enc(value));
          const kv = await store.get(key);
          assert.deepEqual({ v: dec(kv?.value), rev: kv?.modRevision }, { v: value, rev: revision }, `read after ack of ${key}`);
          acked.push({ key, value, revision });
        }
      }),
    );
    const revs = acked.map((a) => BigInt(a.revision)).sort((a, b) => (a < b ? -1 : 1));
    assert.deepEqual(revs, Array.from({ length: WRITERS * PER_WRITER }, (_, i) => start + 1n + BigInt(i)));
    const { walFrames, walRecords } = store.stats();
    assert.equal(walRecords, WRITERS * PER_WRITER);
    assert.ok(walFrames * 2 <= walRecords, `group commit: ${walFrames} fsyncs for ${walRecords} records`);
    await store.close();

    store = await openEmbeddedStore({ dataDir: dir });
    try {
      for (const a of acked) {
        const kv = await store.get(a.key);
        assert.deepEqual({ v: dec(kv?.value), rev: kv?.modRevision }, { v: a.value, rev: a.revision }, a.key);
      }
    } finally {
      await store.close();
    }
  });

  void it('loses no update when concurrent writers increment a counter with compare-and-swap', async () => {
    const store = await openEmbeddedStore({ dataDir: await newDir() });
    try {
      await store.put('/counter', enc('0'));
      let conflicts = 0;
      await Promise.all(
        Array.from({ length: WRITERS }, async () => {
          for (let i = 0; i < 10; i++) {
            for (;;) {
              const kv = (await store.get('/counter'))!;
              try {
                await store.put('/counter', enc(String(Number(dec(kv.value)) + 1)), { expectedRevision: kv.modRevision });
                break;
              } catch (err) {
                if (!isFlotillaError(err, 'ABORTED')) throw err;
                conflicts++;
              }
            }
          }
        }),
      );
      assert.equal(dec((await store.get('/counter'))?.value), String(WRITERS * 10));
      assert.ok(conflicts > 0, 'the writers really raced');
    } finally {
      await store.close();
    }
  });

  void it('answers a read-only txn only with state that is durable', async () => {
    const store = await openEmbeddedStore({ dataDir: await newDir() });
    try {
      const writes = Array.from({ length: 8 }, (_, i) => store.put(`/r/${i}`, enc(String(i))));
      const read = await store.txn({ compares: [], success: [{ type: 'get', key: '/r/7' }] });
      const got = read.results[0];
      assert.ok(got.type === 'get' && got.kv, 'the txn sees the write issued before it');
      assert.ok(BigInt(await store.revision()) >= BigInt(read.revision), 'and returns only once that write is durable');
      await Promise.all(writes);
    } finally {
      await store.close();
    }
  });
});
