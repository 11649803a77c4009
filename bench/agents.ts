// Run wall time across many agents on one real etcd:
//   - one etcd (fsync on by default, default raft timings, as in bench/api.ts)
//   - one real flotillad process (--store etcd): the leader, running the
//     run controller; it is not itself a target
//   - in this process, N simulated nodes sim-000.. (default 100), each a real
//     Session (its own lease + presence key) and a real Agent with the real
//     modules, template engine and NodeContextSource, sharing one etcd Store,
//     ObjectCache and ObjectServer per group of nodes (default 10 per store)
//   - their Node objects (label bench=agents) applied through the daemon's API
//   - a TaskBook selecting bench=agents, default strategy (all at once), with
//     three steps that change nothing on a converged node: a directory, a
//     templated file, and a command guarded by `creates:`
//
// Figures: the first run (it converges: every step changes something), then
// NO-OP runs (median/min/max), each from RunService.Start until a Watch on
// the Run (as `flotctl run --wait` follows it) delivers phase Succeeded; RSS
// of the daemon and of this process afterwards.
//
//   npm run bench -- agents [--agents 100] [--runs 5] [--per-store 10] [--no-fsync] [--trace]
//
// --trace: the daemon logs at debug level, the agents at info into memory,
// and each run is broken down (plan, first/last agent phase start/end,
// controller reconciles).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimFleet, type SimFleet, type TraceRecord } from './lib/agents-sim.js';
import { protoToResource, type ClusterInfo, type ProtoObject } from '../src/api/index.js';
import type { ResourceObject, RunStatus } from '../src/resources/index.js';
import type { NodeResult } from '../src/runs/index.js';
import { objectKey, runResultsPrefix } from '../src/store/index.js';
import { Client, apply, type WatchEventMessage } from '../test/helpers/api.js';
import { spawnDaemon, type DaemonProcess } from '../test/helpers/daemon.js';
import { startEtcd, type EtcdServer } from '../test/helpers/etcd.js';
import { cpuSeconds, rssBytes } from './lib/stats.js';

export interface AgentsBenchRun {
  /** wall time from RunService.Start to phase Succeeded, seconds */
  readonly seconds: number;
  /** from Start until the Run was seen planned (phase Running), seconds */
  readonly plannedS: number;
  readonly counts: { ok: number; changed: number; failed: number; skipped: number; unreachable: number };
}

export interface AgentsBenchResult {
  readonly agents: number;
  readonly perStore: number;
  readonly fsync: boolean;
  readonly first: AgentsBenchRun;
  readonly noop: readonly AgentsBenchRun[];
  readonly firstS: number;
  readonly noopMedianS: number;
  readonly noopMinS: number;
  readonly noopMaxS: number;
  readonly daemonRssMb: number;
  readonly simRssMb: number;
}

const LABEL = { bench: 'agents' } as const;
const TASKBOOK = 'bench-agents';
const LEADER = 'bench-leader';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function taskBook(root: string): ResourceObject {
  const dir = `${root}/{{node.name}}`;
  return {
    apiVersion: 'flotilla/v1alpha1',
    kind: 'TaskBook',
    metadata: { name: TASKBOOK, namespace: 'default' },
    spec: {
      targets: { selector: { matchLabels: { ...LABEL } } },
      steps: [
        { name: 'node dir', file: { path: dir, state: 'directory', mode: '0755' } },
        { name: 'config file', file: { path: `${dir}/app.conf`, mode: '0644', template: '# written by the agents bench\nnode={{node.name}}\nbench={{node.labels.bench}}\n' } },
        { name: 'guarded command', command: { cmd: `touch ${dir}/marker`, creates: `${dir}/marker` } },
      ],
    },
  };
}

async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Starts a run and follows it as `flotctl run --wait` does (a Watch on the Run
 * from the resourceVersion Start returned), until it has finished.
 */
async function timedRun(c: Client, timeoutMs: number): Promise<{ run: AgentsBenchRun; name: string; t0: number; t1: number }> {
  const t0wall = Date.now();
  const t0 = performance.now();
  const started = protoToResource(await c.call<ProtoObject>('RunService', 'Start', { task_book: TASKBOOK, namespace: 'default', nodes: [], check: false, diff: false, name: '' }));
  const name = started.metadata.name;
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, timeoutMs);
  let plannedAt: number | undefined;
  let status: RunStatus = started.status ?? {};
  try {
    const req = { namespace: 'default', name, resource_version: started.metadata.resourceVersion ?? '', label_selector: '', all_namespaces: false, bookmark_interval_seconds: 0 };
    for await (const ev of c.stream<WatchEventMessage>('RunService', 'Watch', req, ac.signal)) {
      if (!ev.object) continue;
      const now = performance.now();
      status = protoToResource(ev.object).status ?? {};
      if (plannedAt === undefined && status.phase !== undefined && status.phase !== 'Pending') plannedAt = now;
      if (status.phase === 'Succeeded') {
        const counts = status.counts ?? { ok: 0, changed: 0, failed: 0, skipped: 0, unreachable: 0 };
        return { run: { seconds: (now - t0) / 1000, plannedS: ((plannedAt ?? now) - t0) / 1000, counts }, name, t0: t0wall, t1: t0wall + (now - t0) };
      }
      if (status.phase === 'Failed' || status.phase === 'Cancelled') {
        const bad = Object.entries(status.nodes ?? {}).filter(([, s]) => s.state !== 'Succeeded');
        throw new Error(`run ${name} ${status.phase}: ${status.message ?? ''}; ${bad.length} node(s) not succeeded, e.g. ${JSON.stringify(bad.slice(0, 3))}`);
      }
    }
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  throw new Error(timedOut ? `run ${name} not finished after ${timeoutMs} ms (phase ${status.phase}: ${status.message ?? ''})` : `the watch on run ${name} ended`);
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** a breakdown of one run from the daemon's debug log and the agents' log (--trace) */
function traceReport(name: string, t0: number, t1: number, daemon: DaemonProcess, fromLine: number, agents: readonly TraceRecord[]): string {
  const id = `default/${name}`;
  const recs = daemon.logs
    .slice(fromLine)
    .map((l) => {
      try {
        return JSON.parse(l) as { time?: string; msg?: string; run?: string; ms?: number };
      } catch {
        return undefined;
      }
    })
    .filter((r): r is { time: string; msg: string; run?: string; ms?: number } => r?.time !== undefined && r.msg !== undefined)
    .map((r) => ({ ...r, t: Date.parse(r.time) - t0 }));
  const mine = recs.filter((r) => r.run === id);
  const reconciled = mine.filter((r) => r.msg === 'reconciled');
  const at = (msg: string) => mine.find((r) => r.msg === msg)?.t;
  const ag = agents.filter((a) => a.run === id).map((a) => ({ ...a, t: a.at - t0 }));
  const started = ag.filter((a) => a.msg === 'phase started').map((a) => a.t);
  const ended = ag.filter((a) => a.msg === 'phase ended').map((a) => a.t);
  const f = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '-' : `${Math.round(n)}`);
  const ms = reconciled.map((r) => r.ms ?? 0);
  const firstFew = reconciled.slice(0, 6).map((r) => `${f(r.t - (r.ms ?? 0))}+${f(r.ms)}`);
  const sum = ms.reduce((a, b) => a + b, 0);
  return [
    `  ${name}: total ${f(t1 - t0)} ms`,
    `    controller: planned at ${f(at('run planned'))} ms, finished at ${f(at('run finished'))} ms; ${reconciled.length} reconciles, ${f(sum)} ms in reconcile (max ${f(Math.max(...ms))}, median ${f(median(ms))}); first: ${firstFew.join(' ')}`,
    `    agents: ${started.length} phase starts from ${f(Math.min(...started))} to ${f(Math.max(...started))} ms, ${ended.length} phase ends from ${f(Math.min(...ended))} to ${f(Math.max(...ended))} ms`,
  ].join('\n');
}

/** per-step module time from the nodes' results, and CPU/etcd writes over the run (--trace) */
async function resultReport(fleet: SimFleet, run: string, seconds: number, used: { sim: number; daemon: number; etcd: number; writes: number }): Promise<string> {
  const page = await fleet.store.list(runResultsPrefix('default', run));
  const results = page.items.map((kv) => JSON.parse(new TextDecoder().decode(kv.value)) as NodeResult);
  const stepMs = results.map((r) => r.steps.reduce((a, s) => a + s.durationMs, 0));
  const phaseMs = results.map((r) => Date.parse(r.updatedAt) - Date.parse(r.startedAt));
  const pct = (x: number) => `${Math.round((x / seconds) * 100)}%`;
  const runKv = await fleet.store.get(objectKey('Run', 'default', run));
  return [
    `    per node: phase ${Math.round(median(phaseMs))} ms median (max ${Math.max(...phaseMs)}), of which steps' own time ${Math.round(median(stepMs))} ms median (max ${Math.max(...stepMs)})`,
    `    CPU over the run: bench process ${used.sim.toFixed(2)} s (${pct(used.sim)}), daemon ${used.daemon.toFixed(2)} s (${pct(used.daemon)}), etcd ${used.etcd.toFixed(2)} s (${pct(used.etcd)}); ${used.writes} etcd revisions; the Run object is ${((runKv?.value.length ?? 0) / 1024).toFixed(1)} KiB`,
  ].join('\n');
}

export async function runAgentsBench(argv: string[]): Promise<AgentsBenchResult> {
  const { values } = parseArgs({
    args: argv,
    options: {
      agents: { type: 'string' },
      runs: { type: 'string' },
      'per-store': { type: 'string' },
      'no-fsync': { type: 'boolean' },
      trace: { type: 'boolean' },
      timeout: { type: 'string' },
    },
  });
  const agents = Number(values.agents ?? 100);
  const runs = Number(values.runs ?? 5);
  const perStore = Number(values['per-store'] ?? 10);
  const fsync = !values['no-fsync'];
  const trace = values.trace === true;
  const runTimeoutMs = Number(values.timeout ?? 120) * 1000;
  if (!(agents >= 1 && agents <= 1000 && runs >= 1 && perStore >= 1)) throw new Error('--agents 1..1000, --runs ≥ 1, --per-store ≥ 1');

  let etcd: EtcdServer | undefined;
  let daemon: DaemonProcess | undefined;
  let client: Client | undefined;
  let fleet: SimFleet | undefined;
  let root: string | undefined;
  const errors: unknown[] = [];
  try {
    root = await mkdtemp(join(tmpdir(), 'flotilla-bench-agents-'));
    console.log(`== etcd (1 member, fsync ${fsync ? 'on' : 'off'}), flotillad ${LEADER}, ${agents} simulated agents (${perStore} per store connection)`);
    etcd = await startEtcd({ fsync, fastRaft: false });
    daemon = await spawnDaemon(['--store', 'etcd', '--etcd-endpoints', etcd.endpoints.join(','), '--log-level', trace ? 'debug' : 'info'], { name: LEADER });
    client = new Client(daemon.address, 30_000);
    const c = client;
    await until('the daemon to lead', 30_000, async () => ((await c.call<ClusterInfo>('ClusterService', 'Info', {})).leader === LEADER ? true : undefined));

    const names = Array.from({ length: agents }, (_, i) => `sim-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((n) => apply(c, { apiVersion: 'flotilla/v1alpha1', kind: 'Node', metadata: { name: n, labels: { ...LABEL } }, spec: {} })));
    }
    fleet = await startSimFleet({ endpoints: etcd.endpoints, names, perStore, trace });
    await until('every simulated node to be present', 30_000, async () => {
      const present = new Set((await c.call<ClusterInfo>('ClusterService', 'Info', {})).present_nodes);
      return names.every((n) => present.has(n)) ? true : undefined;
    });
    await apply(c, taskBook(join(root, 'nodes')));
    // the controller learns presence through its watch; give it a moment
    await sleep(500);

    const breakdowns: string[] = [];
    const d = daemon;
    const f = fleet;
    const e = etcd;
    const one = async (label: string): Promise<AgentsBenchRun> => {
      const fromLine = d.logs.length;
      f.trace.length = 0;
      const before = trace ? { cpu: process.cpuUsage(), daemon: cpuSeconds(d.child.pid!), etcd: cpuSeconds(e.pid!), rev: BigInt(await f.store.revision()) } : undefined;
      const r = await timedRun(c, runTimeoutMs);
      console.log(`  ${label}: ${r.run.seconds.toFixed(3)} s (planned after ${(r.run.plannedS * 1000).toFixed(0)} ms; changed ${r.run.counts.changed}, ok ${r.run.counts.ok}, skipped ${r.run.counts.skipped})`);
      if (before) {
        const cpu = process.cpuUsage(before.cpu);
        const used = {
          sim: (cpu.user + cpu.system) / 1e6,
          daemon: cpuSeconds(d.child.pid!) - before.daemon,
          etcd: cpuSeconds(e.pid!) - before.etcd,
          writes: Number(BigInt(await f.store.revision()) - before.rev),
        };
        await sleep(200); // let the last log lines arrive
        breakdowns.push(`${traceReport(r.name, r.t0, r.t1, d, fromLine, f.trace)}\n${await resultReport(f, r.name, r.run.seconds, used)}`);
      }
      await sleep(300); // let the controller withdraw the finished run's assignments
      return r.run;
    };
    const first = await one('first run (converges)');
    const noop: AgentsBenchRun[] = [];
    for (let i = 0; i < runs; i++) noop.push(await one(`no-op run ${i + 1}/${runs}`));
    const unexpected = noop.filter((r) => r.counts.changed > 0);
    if (unexpected.length > 0) console.warn(`warning: ${unexpected.length} no-op run(s) changed something`);

    const daemonRssMb = rssBytes(daemon.child.pid!) / 2 ** 20;
    const simRssMb = process.memoryUsage().rss / 2 ** 20;
    const secs = noop.map((r) => r.seconds);
    const result: AgentsBenchResult = {
      agents,
      perStore,
      fsync,
      first,
      noop,
      firstS: first.seconds,
      noopMedianS: median(secs),
      noopMinS: Math.min(...secs),
      noopMaxS: Math.max(...secs),
      daemonRssMb,
      simRssMb,
    };
    if (breakdowns.length > 0) console.log(`\n== where the time goes (ms from Start)\n${breakdowns.join('\n')}`);
    const headers = ['agents', 'first_s', 'noop_median_s', 'noop_min_s', 'noop_max_s', 'daemon_rss_mb', 'sim_rss_mb'];
    const row = [
      String(agents),
      result.firstS.toFixed(3),
      result.noopMedianS.toFixed(3),
      result.noopMinS.toFixed(3),
      result.noopMaxS.toFixed(3),
      result.daemonRssMb.toFixed(0),
      result.simRssMb.toFixed(0),
    ];
    const widths = headers.map((h, i) => Math.max(h.length, row[i].length));
    console.log(`\n${[headers, row].map((r) => r.map((x, i) => x.padEnd(widths[i])).join('  ')).join('\n')}`);
    console.log(`\n(${runs} no-op runs; etcd fsync ${fsync ? 'on' : 'off'}; ${new Date().toISOString()}, node ${process.version})`);
    return result;
  } finally {
    // agents, then sessions (leases revoked), caches and stores; then the daemon, etcd, the temp dir
    const tc = performance.now();
    const step = async (what: string, fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn().catch((err: unknown) => errors.push(err));
      if (trace) console.log(`  cleanup: ${what} ${Math.round(performance.now() - t)} ms`);
    };
    if (fleet) await step('simulated agents, sessions, caches, stores', () => fleet!.stop());
    client?.close();
    if (daemon) {
      const d = daemon;
      await step('daemon (SIGTERM)', async () => {
        d.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([d.exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
        clearTimeout(timer);
        await d[Symbol.asyncDispose]();
      });
    }
    if (etcd) await step('etcd', () => etcd!.stop());
    if (root) await step('temp dir', () => rm(root!, { recursive: true, force: true }));
    if (trace) console.log(`  cleanup: ${Math.round(performance.now() - tc)} ms in all`);
    for (const err of errors) console.warn('cleanup:', err);
  }
}
