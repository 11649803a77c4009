// Network faults between the etcd backend and etcd, made with a TCP proxy
// (test/helpers/etcd-proxy.ts): a watch resumes after its connection is cut
// with nothing lost or repeated, requests through a stalled connection fail
// with UNAVAILABLE within the request timeout, and a lease whose keep-alives
// are blocked for longer than its TTL resolves `lost` by our own deadline.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { isFlotillaError } from '../../src/errors.js';
import { openEtcdStore } from '../../src/store/etcd/index.js';
import type { Store, WatchEvent } from '../../src/store/store.js';
import { assertEventually, collectUntil } from '../helpers/eventually.js';
import { startEtcd, uniquePrefix, type EtcdServer } from '../helpers/etcd.js';
import { startEtcdProxy } from '../helpers/etcd-proxy.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('etcd store under network faults', () => {
  let etcd: EtcdServer;
  /** talks to etcd directly, to write and check while the proxy misbehaves */
  let direct: Store;

  before(async () => {
    etcd = await startEtcd();
    direct = await openEtcdStore({ endpoints: etcd.endpoints });
  });
  after(async () => {
    await direct?.close();
    await etcd?.stop();
  });

  it('resumes a watch after its connections are cut, without losing or repeating events', async (t) => {
    await using proxy = await startEtcdProxy(etcd.clientPort);
    const store = await openEtcdStore({ endpoints: [proxy.endpoint], requestTimeoutMs: 2000 });
    t.after(() => store.close());
    const p = uniquePrefix('resume');
    const ac = new AbortController();
    t.after(() => ac.abort());
    const from = BigInt(await direct.revision()) + 1n;
    const it = store.watch(p, { signal: ac.signal, fromRevision: String(from) })[Symbol.asyncIterator]();

    const written: string[] = [];
    const events: WatchEvent[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 15; i++) {
        const key = `${p}k${i % 4}`;
        if (i % 5 === 4) {
          const d = await direct.delete(key);
          if (d.deleted > 0) written.push(d.revision);
        } else {
          written.push((await direct.put(key, enc(`${round}.${i}`))).revision);
        }
      }
      // take part of what was written, then cut the connection mid-stream
      events.push(...(await collectUntil(it, (e) => e.length >= 5)));
      await assertEventually(() => assert.ok(proxy.connections > 0, 'no connection through the proxy yet'));
      proxy.cutAll();
    }
    const rest = await collectUntil(it, (e) => events.length + e.length >= written.length);
    events.push(...rest);
    assert.deepEqual(
      events.map((e) => e.revision),
      written,
      'every write arrives once, in order',
    );
    // nothing extra is pending: the next event is the next write
    const sentinel = await direct.put(`${p}sentinel`, enc('s'));
    const [next] = await collectUntil(it, (e) => e.length >= 1);
    assert.equal(next.revision, sentinel.revision);
  });

  it('fails requests through a stalled connection with UNAVAILABLE within the request timeout', async (t) => {
    await using proxy = await startEtcdProxy(etcd.clientPort);
    const requestTimeoutMs = 1000;
    const store = await openEtcdStore({ endpoints: [proxy.endpoint], requestTimeoutMs });
    t.after(() => store.close());
    const key = `${uniquePrefix('stall')}k`;
    await store.put(key, enc('1'));

    proxy.pause();
    for (const op of [() => store.get(key), () => store.put(key, enc('2')), () => store.revision()]) {
      const started = Date.now();
      await assert.rejects(op(), (err) => isFlotillaError(err, 'UNAVAILABLE') && err.retryable);
      const tookMs = Date.now() - started;
      assert.ok(tookMs < requestTimeoutMs + 1500, `gave up after ${tookMs} ms`);
    }

    proxy.resume();
    await assertEventually(async () => assert.ok(await store.get(key), 'key not readable yet'), { timeoutMs: 10_000 });
  });

  it('resumes a watch and keeps a lease across an etcd SIGKILL and restart', async (t) => {
    await using own = await startEtcd();
    const store = await openEtcdStore({ endpoints: own.endpoints, requestTimeoutMs: 2000 });
    t.after(() => store.close());
    const p = uniquePrefix('restart');
    const ac = new AbortController();
    t.after(() => ac.abort());
    const lease = await store.grantLease(5);
    await store.put(`${p}leased`, enc('v'), { lease: lease.id });
    const from = String(BigInt(await store.revision()) + 1n);
    const it = store.watch(p, { signal: ac.signal, fromRevision: from })[Symbol.asyncIterator]();
    const written: string[] = [];
    for (let i = 0; i < 5; i++) written.push((await store.put(`${p}k${i}`, enc('a'))).revision);

    await own.kill('SIGKILL');
    await own.restart();
    for (let i = 5; i < 10; i++) {
      // a put may fail while the client reconnects; these keys are new, so '0' guards a retry
      for (let attempt = 1; ; attempt++) {
        try {
          written.push((await store.put(`${p}k${i}`, enc('b'), { expectedRevision: '0' })).revision);
          break;
        } catch (err) {
          if (!isFlotillaError(err, 'UNAVAILABLE') || attempt >= 20) throw err;
        }
      }
    }
    const events = await collectUntil(it, (e) => e.length >= written.length);
    assert.deepEqual(events.map((e) => e.revision), written);
    const alive = await Promise.race([lease.lost.then(() => 'lost'), new Promise((r) => setTimeout(() => r('alive'), 6000).unref())]);
    assert.equal(alive, 'alive', 'keep-alives resumed after the restart');
    assert.ok(await store.get(`${p}leased`));
    await lease.revoke();
  });

  it('resolves lost when keep-alives are blocked for longer than the TTL', async (t) => {
    await using proxy = await startEtcdProxy(etcd.clientPort);
    const store = await openEtcdStore({ endpoints: [proxy.endpoint], requestTimeoutMs: 1000 });
    t.after(() => store.close());
    const key = `${uniquePrefix('leaselost')}k`;
    const lease = await store.grantLease(2);
    await store.put(key, enc('v'), { lease: lease.id });

    proxy.pause();
    const pausedAt = Date.now();
    const reason = await Promise.race([
      lease.lost,
      new Promise<'still alive'>((r) => setTimeout(() => r('still alive'), 15_000).unref()),
    ]);
    assert.ok(reason instanceof Error && isFlotillaError(reason, 'UNAVAILABLE'), String(reason));
    const lostAfterMs = Date.now() - pausedAt;
    assert.ok(lostAfterMs <= lease.ttlSeconds * 1000 + 500, `lost ${lostAfterMs} ms after keep-alives stopped`);
    // etcd ends the lease too: its key goes
    await assertEventually(async () => assert.equal(await direct.get(key), undefined), { timeoutMs: 10_000 });
    proxy.resume();
  });
});
