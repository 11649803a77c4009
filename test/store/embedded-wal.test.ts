// WAL recovery of the embedded store: a torn tail (never acknowledged) is cut
// off on open, damage anywhere else stops the open with an error naming the
// file and offset, and a missing segment is never skipped silently.

import assert from 'node:assert/strict';
import { appendFile, readdir, readFile, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CorruptionError, openEmbeddedStore } from '../../src/store/embedded/index.js';
import { crc32, crc32Portable } from '../../src/store/embedded/crc32.js';
import { enc, dec, tempDirs } from '../helpers/tmp.js';


const newDir = tempDirs('flotilla-wal-');

/** writes k1..kn one at a time (one frame each) and closes; resolves with the segment path */
async function writeKeys(dir: string, n: number): Promise<string> {
  const store = await openEmbeddedStore({ dataDir: dir });
  for (let i = 1; i <= n; i++) await store.put(`/k${i}`, enc(`v${i}`));
  await store.close();
  return lastSegment(dir);
}

async function segments(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.startsWith('wal-')).sort();
}

/** the newest segment that holds a frame (open() starts an empty one each time) */
async function lastSegment(dir: string): Promise<string> {
  const names = await segments(dir);
  for (let i = names.length - 1; i >= 0; i--) {
    const path = join(dir, names[i]);
    if ((await stat(path)).size > 8) return path;
  }
  throw new Error('no segment with data');
}

/** byte offsets of the frames in a segment */
async function frameOffsets(path: string): Promise<number[]> {
  const buf = await readFile(path);
  const out: number[] = [];
  for (let off = 8; off < buf.length; off += 8 + buf.readUInt32LE(off)) out.push(off);
  return out;
}

async function keys(dir: string): Promise<string[]> {
  const store = await openEmbeddedStore({ dataDir: dir });
  try {
    return (await store.list('/')).items.map((kv) => `${kv.key}=${dec(kv.value)}`);
  } finally {
    await store.close();
  }
}

void describe('embedded store WAL recovery', () => {
  void it('cuts off a frame torn in the middle and keeps every frame before it', async () => {
    const dir = await newDir();
    const seg = await writeKeys(dir, 5);
    const offsets = await frameOffsets(seg);
    const size = (await stat(seg)).size;
    await truncate(seg, offsets[4] + Math.floor((size - offsets[4]) / 2));
    const store = await openEmbeddedStore({ dataDir: dir });
    try {
      assert.deepEqual(store.recovery.truncated && { file: store.recovery.truncated.file, offset: store.recovery.truncated.offset }, { file: seg, offset: offsets[4] });
      assert.deepEqual((await store.list('/')).items.map((kv) => kv.key), ['/k1', '/k2', '/k3', '/k4']);
      assert.equal((await stat(seg)).size, offsets[4], 'the torn tail is removed from the file');
      const { revision } = await store.put('/k5', enc('again'));
      assert.equal(revision, '6', 'revisions continue after the last surviving write');
    } finally {
      await store.close();
    }
    assert.deepEqual(await keys(dir), ['/k1=v1', '/k2=v2', '/k3=v3', '/k4=v4', '/k5=again']);
  });

  for (const [what, damage] of [
    ['a truncated frame header', (seg: string) => appendFile(seg, Buffer.from([5, 0, 0]))],
    ['a zero-filled tail', (seg: string) => appendFile(seg, Buffer.alloc(4096))],
    [
      'a bad checksum in the last frame',
      async (seg: string) => {
        const buf = await readFile(seg);
        buf[buf.length - 1] ^= 0xff;
        await writeFile(seg, buf);
      },
    ],
  ] as const) {
    void it(`treats ${what} at the end of the last segment as torn`, async () => {
      const dir = await newDir();
      const seg = await writeKeys(dir, 3);
      await damage(seg);
      const expected = what === 'a bad checksum in the last frame' ? ['/k1=v1', '/k2=v2'] : ['/k1=v1', '/k2=v2', '/k3=v3'];
      assert.deepEqual(await keys(dir), expected);
      assert.deepEqual(await keys(dir), expected, 'and stays repaired on the next open');
    });
  }

  void it('refuses to open when a frame in the middle is corrupt, naming the file and offset', async () => {
    const dir = await newDir();
    const seg = await writeKeys(dir, 5);
    const offsets = await frameOffsets(seg);
    const buf = await readFile(seg);
    buf[offsets[2] + 10] ^= 0xff;
    await writeFile(seg, buf);
    await assert.rejects(openEmbeddedStore({ dataDir: dir }), (err: unknown) => {
      assert.ok(err instanceof CorruptionError, String(err));
      assert.equal(err.file, seg);
      assert.equal(err.offset, offsets[2]);
      assert.match(err.message, new RegExp(`${seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: offset ${offsets[2]}: checksum mismatch`));
      return true;
    });
    // still corruption, not "locked": a failed open releases the lock and repairs nothing
    await assert.rejects(openEmbeddedStore({ dataDir: dir }), CorruptionError);
  });

  void it('refuses to open when an older segment is damaged, even at its end', async () => {
    const dir = await newDir();
    await writeKeys(dir, 3);
    const first = await lastSegment(dir);
    const store = await openEmbeddedStore({ dataDir: dir });
    await store.put('/later', enc('x'));
    await store.close();
    assert.notEqual(await lastSegment(dir), first);
    const buf = await readFile(first);
    buf[buf.length - 1] ^= 0xff;
    await writeFile(first, buf);
    await assert.rejects(openEmbeddedStore({ dataDir: dir }), (err: unknown) => err instanceof CorruptionError && err.file === first);
  });

  void it('refuses to open when a segment is missing from the sequence', async () => {
    const dir = await newDir();
    await writeKeys(dir, 2);
    const first = await lastSegment(dir);
    const store = await openEmbeddedStore({ dataDir: dir });
    await store.put('/later', enc('x'));
    await store.close();
    await unlink(first);
    await assert.rejects(openEmbeddedStore({ dataDir: dir }), (err: unknown) => err instanceof CorruptionError && /wal segment missing/.test(err.message));
  });

  void it('removes a last segment whose header never reached the disk', async () => {
    const dir = await newDir();
    await writeKeys(dir, 2);
    const names = await segments(dir);
    const next = names[names.length - 1].replace(/[0-9a-f]{16}/, (h) => (parseInt(h, 16) + 1).toString(16).padStart(16, '0'));
    await writeFile(join(dir, next), Buffer.from('FLT'));
    const store = await openEmbeddedStore({ dataDir: dir });
    try {
      assert.equal(store.recovery.truncated?.reason, 'torn segment header');
      assert.deepEqual((await store.list('/')).items.map((kv) => kv.key), ['/k1', '/k2']);
      await store.put('/k3', enc('v3'));
    } finally {
      await store.close();
    }
    assert.deepEqual(await keys(dir), ['/k1=v1', '/k2=v2', '/k3=v3']);
  });

  void it('replays txns, deletes, leases and compaction exactly as they were acknowledged', async () => {
    const dir = await newDir();
    let store = await openEmbeddedStore({ dataDir: dir, historyLimit: Infinity });
    const lease = await store.grantLease(60);
    await store.put('/a', enc('1'));
    const r2 = (await store.txn({ compares: [], success: [{ type: 'put', key: '/b', value: enc('1'), lease: lease.id }, { type: 'put', key: '/a', value: enc('2') }] })).revision;
    await store.delete('/a');
    await store.compact(r2);
    const before = await store.list('/');
    const rev = await store.revision();
    await store.close();
    store = await openEmbeddedStore({ dataDir: dir, historyLimit: Infinity });
    try {
      assert.deepEqual(await store.list('/'), before);
      assert.equal(await store.revision(), rev);
      assert.equal(await store.compactRevision(), r2);
      assert.equal((await store.get('/b'))?.lease, lease.id);
      assert.equal(dec((await store.get('/a', { revision: r2 }))?.value), '2');
    } finally {
      await store.close();
    }
  });

  void it('computes the same CRC-32 natively and with the portable table', () => {
    const data = enc('The quick brown fox jumps over the lazy dog');
    assert.equal(crc32Portable(data), 0x414fa339);
    assert.equal(crc32(data), 0x414fa339);
    assert.equal(crc32Portable(data.subarray(10), crc32Portable(data.subarray(0, 10))), 0x414fa339);
  });
});
