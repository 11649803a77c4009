// Edges of the embedded store's API that the conformance suite leaves open
// because etcd's answer there is an implementation detail: reads in the
// future, compaction bounds, request limits, argument checks, and use after
// close.

import assert from 'node:assert/strict';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isFlotillaError, type ErrorCode } from '../../src/errors.js';
import { segmentName } from '../../src/store/embedded/files.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/index.js';

const enc = (s: string) => new TextEncoder().encode(s);

const dirs: string[] = [];
void after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function withStore(fn: (s: EmbeddedStore) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-store-'));
  dirs.push(dir);
  const store = await openEmbeddedStore({ dataDir: dir, fsync: false });
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

const code = (c: ErrorCode) => (err: unknown) => isFlotillaError(err, c);

void describe('embedded store API edges', () => {
  void it('starts an empty store at revision 1 with nothing compacted, as etcd does', () =>
    withStore(async (s) => {
      assert.equal(await s.revision(), '1');
      assert.equal(await s.compactRevision(), '0');
      assert.equal(s.backend, 'embedded');
    }));

  void it('throws OUT_OF_RANGE for a read at a revision that does not exist yet; revision 0 reads the current one', () =>
    withStore(async (s) => {
      const { revision } = await s.put('/k', enc('v'));
      await assert.rejects(s.get('/k', { revision: String(BigInt(revision) + 1n) }), code('OUT_OF_RANGE'));
      await assert.rejects(s.list('/', { revision: '999' }), code('OUT_OF_RANGE'));
      assert.equal((await s.get('/k', { revision: '0' }))?.modRevision, revision);
    }));

  void it('rejects compaction at or below the compact revision, and beyond the current revision', () =>
    withStore(async (s) => {
      await s.put('/k', enc('1'));
      const { revision } = await s.put('/k', enc('2'));
      await s.compact(revision);
      await assert.rejects(s.compact(revision), code('OUT_OF_RANGE'));
      await assert.rejects(s.compact('2'), code('OUT_OF_RANGE'));
      await assert.rejects(s.compact(String(BigInt(revision) + 5n)), code('OUT_OF_RANGE'));
      assert.equal(await s.compactRevision(), revision);
    }));

  void it('rejects requests larger than etcd accepts (1.5 MiB) with INVALID_ARGUMENT', () =>
    withStore(async (s) => {
      await assert.rejects(s.put('/big', new Uint8Array(1.5 * 1024 * 1024 + 1)), code('INVALID_ARGUMENT'));
      await s.put('/fits', new Uint8Array(1024 * 1024));
      assert.equal(await s.get('/big'), undefined);
    }));

  void it('rejects bad arguments with INVALID_ARGUMENT naming the field', () =>
    withStore(async (s) => {
      await assert.rejects(s.put('', enc('v')), code('INVALID_ARGUMENT'));
      await assert.rejects(s.put('/k', 'v' as unknown as Uint8Array), /value: must be a Uint8Array/);
      await assert.rejects(s.put('/k', enc('v'), { expectedRevision: 'abc' }), /expectedRevision: 'abc' is not a decimal revision/);
      await assert.rejects(s.get('/k', { revision: '-1' }), code('INVALID_ARGUMENT'));
      await assert.rejects(s.list('/', { limit: -1 }), code('INVALID_ARGUMENT'));
      await assert.rejects(
        s.txn({ compares: [{ key: '/k', target: 'modRevision', op: '=', value: 'x' }], success: [] }),
        /compares\[0\]\.value: 'x' is not a decimal integer/,
      );
      await assert.rejects(
        s.txn({ compares: [], success: [{ type: 'delete', key: '/k' }, { type: 'delete', key: '/k' }] }),
        /success\[1\]\.key: '\/k' is written more than once/,
        'unlike etcd, two deletes of one key are refused too, as the contract says',
      );
      await assert.rejects(s.put('/k', enc('v'), { lease: 'not-a-lease' }), code('INVALID_ARGUMENT'));
    }));

  void it('refuses every call after close with FAILED_PRECONDITION, and closed resolves without an error', async () => {
    let store: EmbeddedStore | undefined;
    await withStore(async (s) => {
      store = s;
    });
    const s = store!;
    assert.equal(await s.closed, undefined);
    await assert.rejects(s.get('/k'), code('FAILED_PRECONDITION'));
    await assert.rejects(s.put('/k', enc('v')), code('FAILED_PRECONDITION'));
    await assert.rejects(s.grantLease(5), code('FAILED_PRECONDITION'));
    await s.close();
  });

  void it('honours an already aborted signal before doing anything', () =>
    withStore(async (s) => {
      const ac = new AbortController();
      ac.abort(new Error('stop'));
      await assert.rejects(s.put('/k', enc('v'), { signal: ac.signal }), /stop/);
      assert.equal(await s.get('/k'), undefined);
    }));

  void it('fails for good when the WAL cannot be written, keeping what was acknowledged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-store-'));
    dirs.push(dir);
    const store = await openEmbeddedStore({ dataDir: dir, snapshotEvery: 5 });
    // the segment the WAL rotates to before the first snapshot already exists, so creating it fails
    const blocker = join(dir, segmentName(store.stats().walSegment + 1));
    await writeFile(blocker, 'in the way');
    const ac = new AbortController();
    const watch = store.watch('/', { signal: ac.signal })[Symbol.asyncIterator]();
    for (let i = 0; i < 5; i++) await store.put(`/k${i}`, enc(String(i)));
    const failure = await store.closed;
    assert.ok(isFlotillaError(failure, 'UNAVAILABLE') && /EEXIST/.test(failure.message), String(failure));
    await assert.rejects(store.put('/later', enc('x')), code('UNAVAILABLE'));
    await assert.rejects(store.get('/k0'), code('UNAVAILABLE'));
    await assert.rejects(async () => {
      for (;;) if ((await watch.next()).done) return;
    }, code('UNAVAILABLE'));
    await store.close();
    await unlink(blocker);
    const again = await openEmbeddedStore({ dataDir: dir });
    try {
      assert.deepEqual((await again.list('/')).items.map((kv) => kv.key), ['/k0', '/k1', '/k2', '/k3', '/k4']);
    } finally {
      await again.close();
    }
  });
});
