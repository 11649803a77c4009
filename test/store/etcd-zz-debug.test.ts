import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openEtcdStore } from '../../src/store/etcd/index.js';
import { startEtcd } from '../helpers/etcd.js';
import { collectUntil } from '../helpers/eventually.js';
const enc = (s: string) => new TextEncoder().encode(s);
it('debug', async () => {
  await using etcd = await startEtcd();
  for (let round = 0; round < 5; round++) {
    const s = await openEtcdStore({ endpoints: etcd.endpoints });
    const p = `/dbg/${round}/`;
    const ac = new AbortController();
    const from = String(BigInt(await s.revision()) + 1n);
    const it = s.watch(p, { signal: ac.signal, fromRevision: from })[Symbol.asyncIterator]();
    const r1 = await s.put(`${p}k`, enc('1'));
    const r2 = await s.put(`${p}k`, enc('2'));
    const evs = await collectUntil(it, (e) => e.length >= 2, { timeoutMs: 3000 }).catch((e) => { console.log('ROUND', round, 'FAIL', String(e).slice(0, 300)); return []; });
    console.log('ROUND', round, from, r1.revision, r2.revision, evs.map((e) => e.revision));
    ac.abort();
    await s.close();
  }
  assert.ok(true);
});
