// etcd-specific behaviour of the etcd Store backend, against one real etcd
// (test/helpers/etcd.ts) started for this file. The backend-neutral semantics
// are pinned by the conformance suite (conformance-etcd.test.ts); this file
// covers what only etcd has: error mapping from gRPC, the compact-revision
// probe, progress-notification bookmarks, dial failures, lease TTL handling.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { CompactedError, isFlotillaError, RevisionConflictError } from '../../src/errors.js';
import { GrpcCallError, mapEtcdError, openEtcdStore } from '../../src/store/etcd/index.js';
import type { Store, WatchEvent } from '../../src/store/store.js';
import { collectUntil } from '../helpers/eventually.js';
import { startEtcd, uniquePrefix, type EtcdServer } from '../helpers/etcd.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('etcd store', () => {
  let etcd: EtcdServer;
  let store: Store;

  before(async () => {
    etcd = await startEtcd();
    store = await openEtcdStore({ endpoints: etcd.endpoints, requestTimeoutMs: 3000 });
  });
  after(async () => {
    await store?.close();
    await etcd?.stop();
  });

  it('reads, writes and lists with etcd revisions', async () => {
    const p = uniquePrefix('basic');
    const w1 = await store.put(`${p}a`, enc('1'));
    const w2 = await store.put(`${p}b`, enc('2'));
    assert.ok(BigInt(w2.revision) === BigInt(w1.revision) + 1n);
    const a = await store.get(`${p}a`);
    assert.equal(dec(a!.value), '1');
    assert.equal(a!.createRevision, w1.revision);
    assert.equal(a!.version, 1);
    assert.ok(!(a!.value instanceof Buffer), 'values are plain Uint8Arrays');
    const page1 = await store.list(p, { limit: 1 });
    assert.deepEqual(page1.items.map((kv) => kv.key), [`${p}a`]);
    assert.equal(page1.more, true);
    await store.put(`${p}c`, enc('3'));
    const page2 = await store.list(p, { limit: 1, startAfter: `${p}a`, revision: page1.revision });
    assert.deepEqual(page2.items.map((kv) => kv.key), [`${p}b`]);
    assert.equal(page2.more, false, 'the page is read at the first page revision, before c existed');
    assert.equal(page2.revision, page1.revision);
    const past = await store.list(p, { startAfter: `${p}zzz` });
    assert.deepEqual(past.items, []);
    await assert.rejects(store.put(`${p}a`, enc('x'), { expectedRevision: '0' }), RevisionConflictError);
    await store.put(`${p}a`, enc('x'), { expectedRevision: a!.modRevision });
    const del = await store.deletePrefix(p);
    assert.equal(del.deleted, 3);
  });

  it('rejects a txn that writes one key twice or holds too many operations', async () => {
    const p = uniquePrefix('txn');
    await assert.rejects(
      store.txn({ compares: [], success: [{ type: 'put', key: `${p}a`, value: enc('1') }, { type: 'delete', key: `${p}a` }] }),
      (err) => isFlotillaError(err, 'INVALID_ARGUMENT'),
    );
    const many = Array.from({ length: 129 }, (_, i) => ({ type: 'put' as const, key: `${p}${i}`, value: enc('v') }));
    await assert.rejects(store.txn({ compares: [], success: many }), (err) => isFlotillaError(err, 'INVALID_ARGUMENT'));
    const res = await store.txn({ compares: [], success: many.slice(0, 128) });
    assert.equal(res.succeeded, true);
    assert.equal(res.results.length, 128);
  });

  it('reports compaction on reads and watches with the compact revision', async () => {
    const p = uniquePrefix('compact');
    const w1 = await store.put(`${p}k`, enc('1'));
    const w2 = await store.put(`${p}k`, enc('2'));
    await store.compact(w2.revision);
    await store.compact(w1.revision); // already compacted past it: no-op
    assert.equal(await store.compactRevision(), w2.revision);
    await assert.rejects(store.get(`${p}k`, { revision: w1.revision }), (err) => {
      assert.ok(err instanceof CompactedError);
      assert.equal(err.code, 'OUT_OF_RANGE');
      assert.equal(err.requested, w1.revision);
      assert.equal(err.compactRevision, w2.revision);
      return true;
    });
    const it = store.watch(p, { signal: AbortSignal.timeout(10_000), fromRevision: w1.revision })[Symbol.asyncIterator]();
    await assert.rejects(it.next(), (err) => err instanceof CompactedError && err.compactRevision === w2.revision);
  });

  it('emits bookmarks from progress notifications only after delivering every earlier event', async () => {
    const p = uniquePrefix('bookmark');
    const ac = new AbortController();
    const from = String(BigInt(await store.revision()) + 1n);
    const it = store.watch(p, { signal: ac.signal, fromRevision: from, bookmarkIntervalMs: 100 })[Symbol.asyncIterator]();
    const w = await store.put(`${p}k`, enc('1'));
    const events = await collectUntil(it, (evs) => evs.some((e) => e.type === 'bookmark' && BigInt(e.revision) >= BigInt(w.revision)));
    const putAt = events.findIndex((e) => e.type === 'put');
    const bookmarkAt = events.findIndex((e) => e.type === 'bookmark' && BigInt(e.revision) >= BigInt(w.revision));
    assert.ok(putAt >= 0 && putAt < bookmarkAt, JSON.stringify(events));
    ac.abort();
    assert.deepEqual(await it.next(), { value: undefined, done: true });
  });

  it('delivers prev values and ends a watch without error on abort, break and close', async () => {
    const p = uniquePrefix('watchend');
    const own = await openEtcdStore({ endpoints: etcd.endpoints });
    const first = await own.put(`${p}k`, enc('1'));
    await own.put(`${p}k`, enc('2'));
    await own.delete(`${p}k`);
    const ac = new AbortController();
    const it = own.watch(p, { signal: ac.signal, fromRevision: first.revision, prevValues: true })[Symbol.asyncIterator]();
    const evs = await collectUntil(it, (e) => e.length === 3);
    assert.deepEqual(
      evs.map((e: WatchEvent) => [e.type, e.type === 'bookmark' ? undefined : e.prevValue && dec(e.prevValue)]),
      [['put', undefined], ['put', '1'], ['delete', '2']],
    );
    // break
    for await (const _ of own.watch(p, { signal: ac.signal, fromRevision: first.revision })) break;
    // close ends a live watch
    const live = own.watch(p, { signal: ac.signal })[Symbol.asyncIterator]();
    const pending = live.next();
    await own.close();
    assert.deepEqual(await pending, { value: undefined, done: true });
    await own.close();
    ac.abort();
    assert.deepEqual(await it.next(), { value: undefined, done: true });
  });

  it('grants leases whose keys go on revoke, and reports the ttl etcd granted', async () => {
    const p = uniquePrefix('lease');
    const lease = await store.grantLease(1);
    assert.ok(lease.ttlSeconds >= 1);
    await store.put(`${p}k`, enc('v'), { lease: lease.id });
    assert.equal((await store.get(`${p}k`))?.lease, lease.id);
    await lease.revoke();
    await lease.revoke();
    assert.match((await lease.lost).message, /revoked/);
    assert.equal(await store.get(`${p}k`), undefined);
    await assert.rejects(store.put(`${p}k`, enc('v'), { lease: lease.id }), (err) => isFlotillaError(err, 'NOT_FOUND'));
  });

  it('keeps a lease alive past its ttl and loses it after abandon', async () => {
    const p = uniquePrefix('keepalive');
    const lease = await store.grantLease(1);
    await store.put(`${p}k`, enc('v'), { lease: lease.id });
    const early = await Promise.race([lease.lost.then(() => 'lost'), new Promise((r) => setTimeout(() => r('alive'), 2500))]);
    assert.equal(early, 'alive');
    assert.ok(await store.get(`${p}k`));
    lease.abandon();
    const reason = await lease.lost;
    assert.ok(isFlotillaError(reason, 'UNAVAILABLE'), String(reason));
  });

  it('fails to open with UNAVAILABLE when no endpoint answers', async () => {
    const started = Date.now();
    await assert.rejects(openEtcdStore({ endpoints: ['http://127.0.0.1:1'], dialTimeoutMs: 500 }), (err) => isFlotillaError(err, 'UNAVAILABLE'));
    assert.ok(Date.now() - started < 5000);
  });

  it('maps gRPC statuses to Flotilla errors', () => {
    const cases: Array<[number, string, string]> = [
      [14, 'No connection established', 'UNAVAILABLE'],
      [4, 'Deadline exceeded', 'UNAVAILABLE'],
      [11, 'etcdserver: mvcc: required revision has been compacted', 'OUT_OF_RANGE'],
      [11, 'etcdserver: mvcc: required revision is a future revision', 'OUT_OF_RANGE'],
      [3, 'etcdserver: duplicate key given in txn request', 'INVALID_ARGUMENT'],
      [3, 'etcdserver: too many operations in txn request', 'INVALID_ARGUMENT'],
      [5, 'etcdserver: requested lease not found', 'NOT_FOUND'],
      [7, 'etcdserver: permission denied', 'PERMISSION_DENIED'],
      [8, 'etcdserver: too many requests', 'RESOURCE_EXHAUSTED'],
    ];
    for (const [code, details, want] of cases) {
      const err = mapEtcdError(new GrpcCallError({ code, details, message: `${code} ${details}` }), 'etcd test');
      assert.equal(err.code, want, details);
    }
    assert.ok(mapEtcdError(new GrpcCallError({ code: 11, details: 'etcdserver: mvcc: required revision has been compacted' }), 'x') instanceof CompactedError);
    assert.equal(mapEtcdError(new GrpcCallError({ code: 14, details: 'x' }), 'x').retryable, true);
  });
});
