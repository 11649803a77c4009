// Snapshots and compaction of the embedded store: recovery is the newest
// snapshot plus the WAL after it, with history (MVCC reads, watch replay in op
// order) intact; compaction, explicit or by historyLimit, survives a reopen;
// a damaged snapshot is an error, a leftover temp file is not.

import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isFlotillaError } from '../../src/errors.js';
import { CorruptionError, openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/index.js';
import type { WatchEvent } from '../../src/store/store.js';
import { assertEventually, collectUntil } from '../helpers/eventually.js';
import { enc, dec, tempDirs } from '../helpers/tmp.js';


const newDir = tempDirs('flotilla-snap-');

const files = async (dir: string, prefix: string) => (await readdir(dir)).filter((f) => f.startsWith(prefix)).sort();

function brief(ev: WatchEvent): string {
  if (ev.type === 'bookmark') return 'bookmark';
  return ev.type === 'put' ? `put ${ev.key}=${dec(ev.value)} @${ev.revision}` : `delete ${ev.key} @${ev.revision}`;
}

/** every event from revision 1 up to the (single-write) revision `upTo` */
async function history(store: EmbeddedStore, upTo: string): Promise<string[]> {
  const ac = new AbortController();
  const it = store.watch('/', { signal: ac.signal, fromRevision: '1' })[Symbol.asyncIterator]();
  const got = await collectUntil(it, (items) => items.at(-1)?.revision === upTo);
  ac.abort();
  return got.map(brief);
}

void describe('embedded store snapshots', () => {
  void it('recovers from the newest snapshot plus the WAL after it, with history and op order intact', async () => {
    const dir = await newDir();
    let store = await openEmbeddedStore({ dataDir: dir, snapshotEvery: 10, historyLimit: Infinity });
    const revs: string[] = [];
    for (let i = 0; i < 25; i++) revs.push((await store.put(`/k${i % 5}`, enc(`v${i}`))).revision);
    const txn = await store.txn({
      compares: [],
      success: [
        { type: 'put', key: '/z', value: enc('z') },
        { type: 'delete', key: '/k3' },
        { type: 'put', key: '/a', value: enc('a') },
      ],
    });
    for (let i = 0; i < 8; i++) await store.put(`/tail${i}`, enc('t'));
    const last = await store.revision();
    await assertEventually(() => assert.ok(store.stats().snapshots >= 3, `snapshots: ${store.stats().snapshots}`));
    const before = await store.list('/');
    const events = await history(store, last);
    await store.close();

    const snaps = await files(dir, 'snap-');
    assert.equal(snaps.length, 1, `one snapshot is kept: ${snaps.join(', ')}`);
    const snapSeq = parseInt(snaps[0].slice(5, 21), 16);
    for (const seg of await files(dir, 'wal-')) {
      assert.ok(parseInt(seg.slice(4, 20), 16) >= snapSeq, `segment ${seg} predates snapshot ${snaps[0]}`);
    }

    store = await openEmbeddedStore({ dataDir: dir, historyLimit: Infinity });
    try {
      assert.equal(store.recovery.snapshot, join(dir, snaps[0]));
      assert.deepEqual(await store.list('/'), before);
      assert.equal(await store.revision(), last);
      assert.equal(dec((await store.get('/k0', { revision: revs[0] }))?.value), 'v0', 'history from before the snapshot');
      assert.equal(dec((await store.get('/k3', { revision: plus(txn.revision, -1) }))?.value), 'v23');
      assert.deepEqual(await history(store, last), events, 'watch replay after reopen is identical');
      assert.deepEqual(
        events.filter((e) => e.endsWith(`@${txn.revision}`)),
        [`put /z=z @${txn.revision}`, `delete /k3 @${txn.revision}`, `put /a=a @${txn.revision}`],
      );
    } finally {
      await store.close();
    }
  });

  void it('keeps an explicit compaction across reopen, whether it is in the WAL or in a snapshot', async () => {
    for (const snapshotEvery of [1_000_000, 1]) {
      const dir = await newDir();
      let store = await openEmbeddedStore({ dataDir: dir, snapshotEvery, historyLimit: Infinity });
      const r1 = (await store.put('/k', enc('1'))).revision;
      const r2 = (await store.put('/k', enc('2'))).revision;
      await store.put('/k', enc('3'));
      await store.compact(r2);
      await store.put('/other', enc('x'));
      await store.close();
      store = await openEmbeddedStore({ dataDir: dir, historyLimit: Infinity });
      try {
        assert.equal(await store.compactRevision(), r2, `snapshotEvery ${snapshotEvery}`);
        await assert.rejects(store.get('/k', { revision: r1 }), (err: unknown) => isFlotillaError(err, 'OUT_OF_RANGE'));
        assert.equal(dec((await store.get('/k', { revision: r2 }))?.value), '2');
      } finally {
        await store.close();
      }
    }
  });

  void it('compacts history beyond historyLimit on its own, persistently', async () => {
    const dir = await newDir();
    let store = await openEmbeddedStore({ dataDir: dir, historyLimit: 10 });
    for (let i = 0; i < 40; i++) await store.put('/k', enc(String(i)));
    const rev = BigInt(await store.revision());
    const compacted = BigInt(await store.compactRevision());
    assert.ok(compacted > 0n, 'something was compacted');
    assert.ok(rev - compacted >= 10n && rev - compacted <= 10n + 2n, `keeps about 10 revisions (revision ${rev}, compacted ${compacted})`);
    await store.close();
    store = await openEmbeddedStore({ dataDir: dir, historyLimit: 10 });
    try {
      assert.equal(BigInt(await store.compactRevision()), compacted);
      assert.equal(dec((await store.get('/k'))?.value), '39');
    } finally {
      await store.close();
    }
  });

  void it('refuses to open when the snapshot is damaged', async () => {
    const dir = await newDir();
    const store = await openEmbeddedStore({ dataDir: dir, snapshotEvery: 5 });
    for (let i = 0; i < 7; i++) await store.put(`/k${i}`, enc('v'));
    await assertEventually(() => assert.ok(store.stats().snapshots >= 1, 'no snapshot yet'));
    await store.close();
    const [snap] = await files(dir, 'snap-');
    const path = join(dir, snap);
    const buf = await readFile(path);
    buf[buf.length - 3] ^= 0xff;
    await writeFile(path, buf);
    await assert.rejects(openEmbeddedStore({ dataDir: dir }), (err: unknown) => err instanceof CorruptionError && err.file === path && /checksum/.test(err.message));
  });

  void it('removes a snapshot temp file left by a crash and ignores it', async () => {
    const dir = await newDir();
    let store = await openEmbeddedStore({ dataDir: dir });
    await store.put('/k', enc('v'));
    await store.close();
    await writeFile(join(dir, 'snap-00000000000000ff.snap.tmp'), 'half a snapshot');
    store = await openEmbeddedStore({ dataDir: dir });
    try {
      assert.equal(dec((await store.get('/k'))?.value), 'v');
      assert.deepEqual(await files(dir, 'snap-'), []);
    } finally {
      await store.close();
    }
  });
});

function plus(rev: string, n: number): string {
  return String(BigInt(rev) + BigInt(n));
}
