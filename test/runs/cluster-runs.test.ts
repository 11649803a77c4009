// Runs across three daemon processes on one etcd. The tasks record what they
// did, when, in a shared log file (appends of one short line are atomic), so
// the order proves batches, barriers and runOnce exports; kill -9 of a
// target, of the leader, and of an agent mid-step prove runs neither hang
// nor run a finished step twice.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClusterInfo } from '../../src/api/index.js';
import { protoToResource, toStruct, type ProtoObject } from '../../src/api/index.js';
import type { ResourceObject, RunStatus } from '../../src/resources/index.js';
import { Client, apply, get } from '../helpers/api.js';
import { REPO, runCli, spawnDaemon, type DaemonProcess } from '../helpers/daemon.js';
import { startEtcd, type EtcdServer } from '../helpers/etcd.js';
import { assertEventually } from '../helpers/eventually.js';

let etcd: EtcdServer;
let dir: string;

before(async () => {
  etcd = await startEtcd();
  dir = await mkdtemp(join(tmpdir(), 'flotilla-cluster-runs-'));
});
after(async () => {
  await etcd?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

async function fleet(names: string[], leaseTtl: number, extra: string[] = []): Promise<{ daemons: DaemonProcess[]; client: (i: number) => Client; close(): Promise<void> }> {
  const args = (ttl: number) => ['--store', 'etcd', '--etcd-endpoints', etcd.endpoints.join(','), '--lease-ttl', String(ttl), '--etcd-request-timeout', '3s', '--log-level', process.env.TEST_DAEMON_LOG ?? 'info', ...extra];
  const daemons: DaemonProcess[] = [];
  const clients: Client[] = [];
  for (const n of names) {
    daemons.push(await spawnDaemon(args(leaseTtl), { name: n }));
    clients.push(new Client(daemons.at(-1)!.address, 20_000));
    if (daemons.length === 1) await assertEventually(async () => assert.equal((await clients[0].call<ClusterInfo>('ClusterService', 'Info', {})).leader, n));
  }
  await assertEventually(async () => assert.equal((await clients[0].call<ClusterInfo>('ClusterService', 'Info', {})).present_nodes.length, names.length));
  return {
    daemons,
    client: (i) => clients[i],
    async close() {
      for (const c of clients) c.close();
      // SIGTERM first: leadership and leases are handed back, so the next fleet on this etcd need not wait them out
      await Promise.all(
        daemons.map(async (d) => {
          d.kill('SIGTERM');
          await Promise.race([d.exited, new Promise((r) => setTimeout(r, 10_000))]);
          await d[Symbol.asyncDispose]();
        }),
      );
    },
  };
}

const taskBook = (name: string, spec: Record<string, unknown>): ResourceObject => ({ apiVersion: 'flotilla/v1alpha1', kind: 'TaskBook', metadata: { name, namespace: 'default' }, spec });

async function startRun(c: Client, taskBook: string, set?: Record<string, unknown>): Promise<ResourceObject> {
  return protoToResource(
    await c.call<ProtoObject>('RunService', 'Start', { task_book: taskBook, namespace: 'default', nodes: [], check: false, diff: false, name: '', ...(set ? { set: toStruct(set) } : {}) }),
  );
}

async function waitFinished(c: () => Client, run: ResourceObject, timeoutMs = 60_000): Promise<RunStatus> {
  let status: RunStatus = {};
  await assertEventually(
    async () => {
      status = (await get(c(), 'Run', run.metadata.name, 'default')).status as RunStatus;
      assert.ok(['Succeeded', 'Failed', 'Cancelled'].includes(status.phase ?? ''), `phase ${status.phase}: ${status.message}`);
    },
    { timeoutMs },
  );
  return status;
}

const lines = async (file: string) => (existsSync(file) ? (await readFile(file, 'utf8')).trim().split('\n').filter(Boolean) : []);
/** a shell line that appends "<what> <node> <ns since epoch>" to `file` */
const record = (file: string, what: string) => `echo "${what} {{node.name}} $(date +%s%N)" >> ${file}`;

describe('serial batches, a barrier and a runOnce export across three daemons', () => {
  let f: Awaited<ReturnType<typeof fleet>>;
  before(async () => (f = await fleet(['a', 'b', 'c'], 2)));
  after(async () => f?.close());

  it('holds batches and the barrier, runs the token once, and every node reads it', async () => {
    const log = join(dir, 'order.log');
    await apply(f.client(0), taskBook('ordered', {
      targets: { nodes: ['a', 'b', 'c'] },
      strategy: { serial: 1 },
      steps: [
        { name: 'configure', command: { cmd: `${record(log, 'start1')}; sleep 0.3; ${record(log, 'end1')}` } },
        { barrier: 'all configured' },
        // a plain step after the barrier: without the barrier, serial 1 would run it on the first node before the others configured
        { name: 'after barrier', command: { cmd: record(log, 'after') } },
        { name: 'token', runOnce: true, command: { cmd: `${record(log, 'token')}; echo tok-$$` }, export: { variable: 'shared-token' } },
        { name: 'join', command: { cmd: `echo "join {{node.name}} {{vars.[shared-token]}} $(date +%s%N)" >> ${log}` } },
      ],
    }));
    const run = await startRun(f.client(1), 'ordered');
    const status = await waitFinished(() => f.client(2), run);
    assert.equal(status.phase, 'Succeeded', status.message);
    const l = await lines(log);
    const phase1 = l.filter((x) => /^(start1|end1) /.test(x));
    assert.equal(phase1.length, 6);
    for (let i = 0; i < 6; i += 2) {
      const [s, e] = [phase1[i].split(' '), phase1[i + 1].split(' ')];
      assert.deepEqual([s[0], e[0], s[1]], ['start1', 'end1', e[1]], `serial 1: one node at a time (${l.join(' | ')})`);
    }
    const idx = (re: RegExp) => l.findIndex((x) => re.test(x));
    const lastPhase1 = Math.max(...phase1.map((x) => l.indexOf(x)));
    const after = l.filter((x) => x.startsWith('after ')).map((x) => l.indexOf(x));
    assert.equal(after.length, 3);
    assert.ok(Math.min(...after) > lastPhase1, `no node went past the barrier before every node configured (${l.join(' | ')})`);
    assert.ok(idx(/^token /) > Math.max(...after), 'the runOnce step ran after the phase before it');
    assert.equal(l.filter((x) => x.startsWith('token ')).length, 1, 'runOnce ran once');
    const joins = l.filter((x) => x.startsWith('join '));
    assert.equal(joins.length, 3);
    assert.ok(Math.min(...joins.map((x) => l.indexOf(x))) > idx(/^token /), 'nobody joined before the token existed');
    const variable = await get(f.client(0), 'Variable', 'shared-token', 'default');
    const token = (variable.spec as { value: string }).value;
    assert.match(token, /^tok-\d+$/);
    for (const j of joins) assert.equal(j.split(' ')[2], token, `every node read the exported value: ${j}`);

    // flotctl logs --node shows that node only
    const logs = await runCli(['--server', f.daemons[0].address, 'logs', run.metadata.name, '--node', 'b']);
    assert.equal(logs.code, 0, logs.stderr);
    assert.deepEqual(logs.stdout.match(/^== [^:\s]+/gm), ['== b'], logs.stdout);
    assert.match(logs.stdout, /\[changed\] step 5 join/);
    const all = await runCli(['--server', f.daemons[0].address, 'logs', run.metadata.name]);
    assert.deepEqual(all.stdout.match(/^== [^:\s]+/gm), ['== a', '== b', '== c'], all.stdout);
  });
});

describe('kill -9 of a target node mid-run', () => {
  let f: Awaited<ReturnType<typeof fleet>>;
  before(async () => (f = await fleet(['a', 'b', 'c'], 2)));
  after(async () => f?.close());

  it('finishes with that node unreachable, within maxFailPercentage, without hanging', async () => {
    const log = join(dir, 'victim.log');
    await apply(f.client(0), taskBook('victim', {
      targets: { nodes: ['a', 'b', 'c'] },
      strategy: { maxFailPercentage: 34 },
      steps: [{ name: 'slow', command: { cmd: `${record(log, 'started')}; sleep 4` } }],
    }));
    const run = await startRun(f.client(0), 'victim');
    await assertEventually(async () => assert.ok((await lines(log)).some((x) => x.startsWith('started c ')), 'c has not started'), { timeoutMs: 20_000 });
    f.daemons[2].kill('SIGKILL');
    const status = await waitFinished(() => f.client(0), run);
    assert.equal(status.phase, 'Succeeded', status.message);
    assert.equal(status.nodes!.c.state, 'Unreachable');
    assert.deepEqual([status.nodes!.a.state, status.nodes!.b.state], ['Succeeded', 'Succeeded']);
    assert.equal(status.counts!.unreachable, 1);
  });
});

describe('kill -9 of the leader mid-run', () => {
  let f: Awaited<ReturnType<typeof fleet>>;
  before(async () => (f = await fleet(['a', 'b', 'c'], 2)));
  after(async () => f?.close());

  it('completes under the new leader and runs no step twice', async () => {
    const log = join(dir, 'failover.log');
    await apply(f.client(0), taskBook('failover', {
      targets: { nodes: ['b', 'c'] },
      strategy: { serial: 1 },
      steps: ['s1', 's2', 's3'].map((s) => ({ name: s, command: { cmd: `${record(log, s)}; sleep 0.5` } })),
    }));
    const run = await startRun(f.client(1), 'failover');
    await assertEventually(async () => assert.ok((await lines(log)).length >= 1, 'no step started'), { timeoutMs: 20_000 });
    f.daemons[0].kill('SIGKILL');
    const status = await waitFinished(() => f.client(1), run);
    assert.equal(status.phase, 'Succeeded', status.message);
    const leader = (await f.client(1).call<ClusterInfo>('ClusterService', 'Info', {})).leader;
    assert.ok(['b', 'c'].includes(leader));
    const l = await lines(log);
    for (const node of ['b', 'c']) {
      assert.deepEqual(l.filter((x) => x.split(' ')[1] === node).map((x) => x.split(' ')[0]), ['s1', 's2', 's3'], `${node} ran each step once: ${l.join(' | ')}`);
    }
  });
});

describe('the three-server example (examples/taskbooks/taskbook-web.yaml)', () => {
  let f: Awaited<ReturnType<typeof fleet>>;
  before(async () => (f = await fleet(['web-a', 'web-b', 'web-c'], 2, ['--labels', 'cluster=local'])));
  after(async () => f?.close());

  it('rolls out, shares one token, and changes nothing the second time', async () => {
    const root = join(dir, 'web');
    const out = await runCli(['--server', f.daemons[0].address, 'apply', '-f', join(REPO, 'examples/taskbooks/taskbook-web.yaml')]);
    assert.equal(out.code, 0, out.stderr);
    // check mode first, on a cluster that has no token yet: it succeeds and changes nothing
    const check = await runCli(['--server', f.daemons[1].address, 'run', 'web', '--check', '--diff', '--wait', '--set', `root=${root}`]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /exported by step/, 'the diff shows where the token will come from');
    assert.equal(existsSync(root), false, 'check mode wrote nothing');
    const first = await waitFinished(() => f.client(0), await startRun(f.client(0), 'web', { root }));
    assert.equal(first.phase, 'Succeeded', first.message);
    const token = (await readFile(join(root, 'join-token'), 'utf8')).trim();
    assert.match(token, /^[0-9a-f]{32}$/);
    for (const n of ['web-a', 'web-b', 'web-c']) {
      const conf = await readFile(join(root, n, 'nginx.conf'), 'utf8');
      for (const m of ['web-a', 'web-b', 'web-c']) assert.match(conf, new RegExp(`server ${m}:8080;`), `${n}'s upstreams list ${m}`);
      assert.match(await readFile(join(root, n, 'app.env'), 'utf8'), new RegExp(`^JOIN_TOKEN=${token}$`, 'm'));
      assert.deepEqual((await lines(join(root, n, 'events.log'))).map((l) => l.split(' ')[0]), ['reload', 'restart'], `${n}'s handlers ran once each`);
    }
    const second = await waitFinished(() => f.client(1), await startRun(f.client(1), 'web', { root }));
    assert.equal(second.phase, 'Succeeded', second.message);
    assert.equal(second.counts!.changed, 0, 'the second run changed nothing');
    for (const n of ['web-a', 'web-b', 'web-c']) assert.equal((await lines(join(root, n, 'events.log'))).length, 2, 'no handler ran again');
  });
});


// last: its killed daemon's lease (30 s) outlives the suite's other fleets
describe('an agent killed and restarted mid-step', () => {
  let f: Awaited<ReturnType<typeof fleet>>;
  // a long lease: the restarted daemon is back before anyone thinks it gone
  before(async () => (f = await fleet(['a', 'b'], 30)));
  after(async () => f?.close());

  it('resumes after the last finished step and never repeats one', async () => {
    const log = join(dir, 'resume.log');
    await apply(f.client(0), taskBook('resume', {
      targets: { nodes: ['b'] },
      steps: [
        { name: 's1', command: { cmd: record(log, 's1') } },
        { name: 's2', command: { cmd: `${record(log, 's2-start')}; sleep 3; ${record(log, 's2-end')}` } },
        { name: 's3', command: { cmd: record(log, 's3') } },
      ],
    }));
    const run = await startRun(f.client(0), 'resume');
    await assertEventually(async () => assert.ok((await lines(log)).some((x) => x.startsWith('s2-start ')), 's2 has not started'), { timeoutMs: 20_000 });
    const b = f.daemons[1];
    b.kill('SIGKILL');
    await b.exited;
    f.daemons[1] = await spawnDaemon(['--store', 'etcd', '--etcd-endpoints', etcd.endpoints.join(','), '--lease-ttl', '30'], { name: 'b', dataDir: b.dataDir });
    const status = await waitFinished(() => f.client(0), run);
    assert.equal(status.phase, 'Succeeded', status.message);
    const steps = (await lines(log)).map((x) => x.split(' ')[0]);
    assert.equal(steps.filter((s) => s === 's1').length, 1, `s1 finished before the kill and was not run again: ${steps.join(' ')}`);
    assert.equal(steps.filter((s) => s === 's3').length, 1);
    assert.equal(steps.filter((s) => s === 's2-end').length, 1, 'the interrupted step ran again to its end once');
  });
});
