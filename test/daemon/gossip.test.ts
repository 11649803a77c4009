// Gossip wired into three daemon processes on one etcd: Node.status.gossip
// and `flotctl nodes`, one Event per transition in `system`, a dead target is
// unreachable in runs (while its session would still count it live), and
// cluster.nodes lists only alive nodes. Leases are long (60 s), so whatever
// happens within the test after the kill is gossip's doing, not the store's.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClusterInfo } from '../../src/api/index.js';
import { protoToResource, type ProtoObject } from '../../src/api/index.js';
import { Keyring } from '../../src/failure-detector/index.js';
import type { NodeGossip, RunStatus } from '../../src/resources/index.js';
import { Client, apply, get, list } from '../helpers/api.js';
import { runCli, spawnDaemon, type DaemonProcess } from '../helpers/daemon.js';
import { startEtcd, type EtcdServer } from '../helpers/etcd.js';
import { assertEventually } from '../helpers/eventually.js';

let etcd: EtcdServer;
let dir: string;
const daemons: DaemonProcess[] = [];
let client: Client;

before(async () => {
  etcd = await startEtcd();
  dir = await mkdtemp(join(tmpdir(), 'flotilla-gossip-daemons-'));
});
after(async () => {
  client?.close();
  for (const d of daemons) d.kill('SIGTERM');
  await Promise.all(daemons.map((d) => Promise.race([d.exited, new Promise((r) => setTimeout(r, 10_000))])));
  for (const d of daemons) await d[Symbol.asyncDispose]();
  await etcd?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

const gossipOf = async (name: string) => ((await get(client, 'Node', name)).status as { gossip?: NodeGossip } | undefined)?.gossip;

async function nodeEvents(name: string): Promise<string[]> {
  const events = (await list(client, 'Event', { namespace: 'system', label_selector: `flotilla.io/node=${name}` })).items;
  return events.sort((a, b) => (a.metadata.createdAt ?? '').localeCompare(b.metadata.createdAt ?? '') || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)).map((e) => (e.spec as { reason: string }).reason);
}

/** every recorded transition is a change of state: no Event repeats the one before it */
function assertOneEventPerTransition(name: string, reasons: string[]) {
  assert.equal(reasons[0], 'NodeAlive', `${name}: the first Event is NodeAlive (${reasons.join(', ')})`);
  reasons.slice(1).forEach((r, i) => assert.notEqual(r, reasons[i], `${name}: ${r} twice in a row (${reasons.join(', ')})`));
}

void describe('gossip in the daemon', () => {
  void it('records states and events, makes dead targets unreachable, and lists only alive nodes', async () => {
    const keyFile = join(dir, 'gossip.key');
    await writeFile(keyFile, `${Keyring.generateKey()}\n`, { mode: 0o600 });
    const common = ['--store', 'etcd', '--etcd-endpoints', etcd.endpoints.join(','), '--lease-ttl', '60', '--gossip-key', keyFile];
    daemons.push(await spawnDaemon(common, { name: 'node-1' }));
    client = new Client(daemons[0].address, 20_000);
    await assertEventually(async () => assert.equal((await client.call<ClusterInfo>('ClusterService', 'Info', {})).leader, 'node-1'));
    for (const n of ['node-2', 'node-3']) daemons.push(await spawnDaemon([...common, '--join', daemons[0].gossip], { name: n }));
    const names = daemons.map((d) => d.name);

    for (const n of names) {
      await assertEventually(async () => assert.equal((await gossipOf(n))?.state, 'alive', `${n} recorded alive`), { timeoutMs: 20_000 });
    }
    const nodes = await runCli(['nodes', '--server', daemons[1].address]);
    assert.equal(nodes.code, 0, nodes.stderr);
    assert.match(nodes.stdout, /^NAME\s+STATUS\s+GOSSIP\s+ROLE/m);
    for (const n of names) assert.match(nodes.stdout, new RegExp(`^${n}\\s+Ready\\s+alive \\d+s`, 'm'));

    // the cluster Config's gossip tuning reaches every daemon
    await apply(client, { apiVersion: 'flotilla/v1alpha1', kind: 'Config', metadata: { name: 'cluster' }, spec: { gossip: { pushPullInterval: '20s' } } });
    await assertEventually(() => assert.ok(daemons.every((d) => d.logs.some((l) => l.includes('gossip tuning changed') && l.includes('"pushPullIntervalMs":20000'))), 'every daemon applied the new tuning'), { timeoutMs: 20_000 });

    // kill -9 of node-3: gossip declares it dead long before its 60 s lease runs out
    daemons[2].kill('SIGKILL');
    await daemons[2].exited;
    await assertEventually(async () => assert.equal((await gossipOf('node-3'))?.state, 'dead', 'node-3 recorded dead'), { timeoutMs: 20_000 });
    const info = await client.call<ClusterInfo>('ClusterService', 'Info', {});
    assert.ok(info.present_nodes.includes('node-3'), 'node-3 still has its session: only gossip knows it is gone');

    const out = join(dir, 'census');
    await apply(client, {
      apiVersion: 'flotilla/v1alpha1',
      kind: 'TaskBook',
      metadata: { name: 'census', namespace: 'default' },
      spec: {
        targets: { nodes: names },
        strategy: { maxFailPercentage: 50 },
        steps: [{ name: 'census', file: { path: `${out}-{{node.name}}`, template: '{{#each cluster.nodes}}{{name}} {{/each}}' } }],
      },
    });
    const run = protoToResource(await client.call<ProtoObject>('RunService', 'Start', { task_book: 'census', namespace: 'default', nodes: [], check: false, diff: false, name: '' }));
    let status: RunStatus = {};
    await assertEventually(
      async () => {
        status = (await get(client, 'Run', run.metadata.name, 'default')).status as RunStatus;
        assert.ok(['Succeeded', 'Failed'].includes(status.phase ?? ''), `run phase ${status.phase}`);
      },
      { timeoutMs: 30_000 },
    );
    assert.equal(status.nodes?.['node-3']?.state, 'Unreachable', JSON.stringify(status.nodes));
    assert.equal(status.counts?.unreachable, 1);
    assert.ok((await client.call<ClusterInfo>('ClusterService', 'Info', {})).present_nodes.includes('node-3'), 'the run ended while node-3 still had its session');
    for (const n of ['node-1', 'node-2']) {
      assert.equal(status.nodes?.[n]?.state, 'Succeeded');
      assert.equal((await readFile(`${out}-${n}`, 'utf8')).trim(), 'node-1 node-2', `${n} rendered cluster.nodes without the dead node`);
    }
    assert.equal(existsSync(`${out}-node-3`), false);

    // SIGTERM of node-2: it leaves, and is recorded as left, not dead
    daemons[1].kill('SIGTERM');
    await daemons[1].exited;
    await assertEventually(async () => assert.equal((await gossipOf('node-2'))?.state, 'left', 'node-2 recorded left'), { timeoutMs: 20_000 });

    const shown = await runCli(['nodes', '--server', daemons[0].address]);
    assert.match(shown.stdout, /^node-2\s+\S+\s+left /m);
    assert.match(shown.stdout, /^node-3\s+\S+\s+dead /m);
    const e1 = await nodeEvents('node-1');
    assertOneEventPerTransition('node-1', e1);
    assert.equal(e1.at(-1), 'NodeAlive');
    const e2 = await nodeEvents('node-2');
    assertOneEventPerTransition('node-2', e2);
    assert.equal(e2.at(-1), 'NodeLeft');
    assert.ok(!e2.includes('NodeDead'), `node-2 left without being declared dead (${e2.join(', ')})`);
    const e3 = await nodeEvents('node-3');
    assertOneEventPerTransition('node-3', e3);
    assert.equal(e3.at(-1), 'NodeDead');
    assert.equal(e3.filter((r) => r === 'NodeDead').length, 1, `one NodeDead for node-3 (${e3.join(', ')})`);
  });
});
