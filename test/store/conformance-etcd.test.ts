// The store and election conformance suites against real etcd: one etcd for
// the whole file (started in `before`), a new Store per open() and reopen(),
// a random key prefix / election name per test. Then a three-member cluster
// whose raft leader is killed with SIGKILL while writes and watches go on.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { isFlotillaError, RevisionConflictError } from '../../src/errors.js';
import { runElectionConformance } from '../../src/store/conformance/election-suite.js';
import { runStoreConformance } from '../../src/store/conformance/suite.js';
import { openEtcdStore } from '../../src/store/etcd/index.js';
import type { Store, WatchEvent } from '../../src/store/store.js';
import { collectUntil } from '../helpers/eventually.js';
import { startEtcd, startEtcdCluster, uniquePrefix, type EtcdServer } from '../helpers/etcd.js';

let etcd: EtcdServer | undefined;
before(async () => {
  etcd = await startEtcd();
});
after(async () => {
  await etcd?.stop();
});

const open = () => openEtcdStore({ endpoints: etcd!.endpoints, requestTimeoutMs: 5000 });
const factory = {
  open,
  // the data lives in the etcd server, which outlives any client: a new
  // client on the same etcd is the store coming back after close()
  reopen: open,
};

runStoreConformance('etcd', factory);
runElectionConformance('etcd', factory);

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * Creates `key` once, retrying while etcd is unavailable. A retry after an
 * unknown outcome is guarded by expectedRevision '0': if the first attempt
 * committed, the retry's conflict shows our own value and we take it.
 */
async function createOnce(store: Store, key: string, value: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return (await store.put(key, enc(value), { expectedRevision: '0' })).revision;
    } catch (err) {
      if (err instanceof RevisionConflictError) {
        const kv = await store.get(key);
        if (kv && dec(kv.value) === value) return kv.modRevision;
        throw err;
      }
      if (!isFlotillaError(err, 'UNAVAILABLE') || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('etcd three-member cluster', () => {
  it('keeps writes and watches working when the leader member is killed with SIGKILL', async () => {
    const cluster = await startEtcdCluster(3);
    const stores: Store[] = [];
    const ac = new AbortController();
    try {
      for (let i = 0; i < 2; i++) stores.push(await openEtcdStore({ endpoints: cluster.endpoints, requestTimeoutMs: 3000 }));
      const [writer, watcher] = stores;
      const p = uniquePrefix('failover');
      const from = String(BigInt(await writer.revision()) + 1n);
      // several watches, each on its own stream to a random member, so some are on the leader when it dies
      const watches = Array.from({ length: 6 }, (_, i) => (i % 2 ? writer : watcher).watch(p, { signal: ac.signal, fromRevision: from })[Symbol.asyncIterator]());

      const written: string[] = [];
      for (let i = 0; i < 20; i++) written.push(await createOnce(writer, `${p}k${String(i).padStart(2, '0')}`, `v${i}`));
      const leader = await cluster.leaderIndex();
      await cluster.members[leader].kill('SIGKILL');
      for (let i = 20; i < 40; i++) written.push(await createOnce(writer, `${p}k${String(i).padStart(2, '0')}`, `v${i}`));

      for (const w of watches) {
        const events: WatchEvent[] = await collectUntil(w, (e) => e.length >= written.length, { timeoutMs: 20_000 });
        assert.deepEqual(events.map((e) => e.revision), written, 'each watch sees every write once, in order');
      }
      const list = await writer.list(p);
      assert.deepEqual(list.items.map((kv) => dec(kv.value)), Array.from({ length: 40 }, (_, i) => `v${i}`));
      assert.notEqual(await cluster.leaderIndex(), leader);

      // the killed member comes back from its data dir and serves the same data
      await cluster.members[leader].restart();
      const only = await openEtcdStore({ endpoints: [cluster.members[leader].clientUrl] });
      stores.push(only);
      assert.equal((await only.list(p)).items.length, 40);
    } finally {
      ac.abort();
      await Promise.allSettled(stores.map((s) => s.close()));
      await cluster.stop();
    }
  });
});
