// Three flotillad processes on one three-member etcd cluster: an object
// applied through A reaches watches on B and C; after kill -9 of A (the
// leader) B and C keep serving, one of them takes over leadership with a
// larger fencing token, and A shows as NotReady.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClusterInfo } from '../../src/api/index.js';
import { Client, apply, get, watch } from '../helpers/api.js';
import { runCli, spawnDaemon, type DaemonProcess } from '../helpers/daemon.js';
import { startEtcdCluster, type EtcdCluster } from '../helpers/etcd.js';
import { assertEventually } from '../helpers/eventually.js';

let etcd: EtcdCluster;
const daemons: DaemonProcess[] = [];
const clients: Client[] = [];

const info = (c: Client) => c.call<ClusterInfo>('ClusterService', 'Info', {});
const tb = (name: string) =>
  ({
    apiVersion: 'flotilla/v1alpha1',
    kind: 'TaskBook',
    metadata: { name, namespace: 'default' },
    spec: { targets: { nodes: ['a', 'b', 'c'] }, steps: [{ command: { cmd: 'true' } }] },
  }) as never;

before(async () => {
  etcd = await startEtcdCluster(3);
  const args = ['--store', 'etcd', '--etcd-endpoints', etcd.endpoints.join(','), '--lease-ttl', '2', '--etcd-request-timeout', '3s'];
  // a starts first so it is the leader when it is killed
  daemons.push(await spawnDaemon(args, { name: 'a' }));
  clients.push(new Client(daemons[0].address, 10_000));
  await assertEventually(async () => assert.equal((await info(clients[0])).leader, 'a'), { timeoutMs: 20_000 });
  for (const name of ['b', 'c']) {
    const d = await spawnDaemon(args, { name });
    daemons.push(d);
    clients.push(new Client(d.address, 10_000));
  }
});

after(async () => {
  for (const c of clients) c.close();
  for (const d of daemons) await d[Symbol.asyncDispose]();
  await etcd?.[Symbol.asyncDispose]();
});

describe('three daemons on etcd', () => {
  it('agree on one leader and see every node present', async () => {
    await assertEventually(async () => {
      for (const c of clients) {
        const i = await info(c);
        assert.equal(i.leader, 'a');
        assert.deepEqual([...i.present_nodes].sort(), ['a', 'b', 'c']);
        assert.equal(i.store_backend, 'etcd');
      }
    });
  });

  it('delivers an object applied through A to watches on B and C', async () => {
    const [a, b, c] = clients;
    const rv = (await info(b)).revision;
    const wb = watch(b, 'TaskBook', { namespace: 'default', resource_version: rv });
    const wc = watch(c, 'TaskBook', { namespace: 'default', resource_version: rv });
    await apply(a, tb('shared'));
    for (const w of [wb, wc]) {
      const [ev] = await w.next(1, { skipBookmarks: true });
      assert.deepEqual([ev.type, ev.name], ['ADDED', 'shared']);
      w.close();
    }
  });

  it('keeps serving on B and C after kill -9 of the leader, and elects one of them', async () => {
    const [a, b, c] = clients;
    const before = await info(a);
    daemons[0].kill('SIGKILL');
    await daemons[0].exited;
    // B and C serve at once: the store is etcd, not A
    await apply(b, tb('after-kill'));
    assert.equal((await get(c, 'TaskBook', 'after-kill', 'default')).metadata.name, 'after-kill');
    // A's session lease (2 s) expires and one of B, C takes over
    await assertEventually(
      async () => {
        const ib = await info(b);
        const ic = await info(c);
        assert.ok(['b', 'c'].includes(ib.leader), `leader is ${ib.leader}`);
        assert.equal(ic.leader, ib.leader);
        assert.ok(BigInt(ib.fencing_token) > BigInt(before.fencing_token), 'fencing token grew');
        assert.deepEqual([...ib.present_nodes].sort(), ['b', 'c']);
      },
      { timeoutMs: 20_000 },
    );
    const nodes = await runCli(['--server', daemons[1].address, 'nodes']);
    assert.equal(nodes.code, 0, nodes.stderr);
    // these daemons do not join each other's gossip: GOSSIP shows '-' or the leader's own 'alive'
    assert.match(nodes.stdout, /^a\s+NotReady\s+(-|alive \d+s)\s+-/m);
    assert.match(nodes.stdout, /^[bc]\s+Ready\s+(-|alive \d+s)\s+leader/m);
  });

  it('hands leadership over at once when the leader drains on SIGTERM', async () => {
    const [, b, c] = clients;
    const leader = (await info(b)).leader;
    const idx = leader === 'b' ? 1 : 2;
    const other = idx === 1 ? c : b;
    daemons[idx].kill('SIGTERM');
    assert.equal(await daemons[idx].exited, 0);
    // resign + revoke: the other takes over without waiting for a lease TTL
    await assertEventually(async () => assert.equal((await info(other)).leader, idx === 1 ? 'c' : 'b'), { timeoutMs: 10_000 });
  });
});
