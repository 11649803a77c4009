// npm run bench -- gossip [--sizes 3,10] [--reps 5] [--idle-n 10] [--idle-secs 60] [--idle-warmup-secs 600]
//                          [--losses 10,20,30] [--loss-n 10] [--loss-secs 600] [--no-serf]
//                          [--config '{"probeInterval":"1s","probeTimeout":"500ms"}']
//
// Flotilla's gossip next to HashiCorp Serf, in one run, on this machine:
//  1. detection: N members on loopback, kill -9 one, time until every
//     survivor holds it dead (and the first one). Flotilla members are
//     separate processes (src/failure-detector/standalone.ts from dist/,
//     defaults from the cluster Config) that print each transition with its
//     time; Serf is timed by the anchor's own script (anchors/serf/run.sh,
//     which polls `serf members` every 100 ms, so its figures carry up to
//     ~0.1 s of polling).
//  2. idle: an N-member group of each tool in its own network namespace:
//     CPU % of a core per member (all threads, from /proc/PID/task/*/schedstat)
//     over an --idle-secs window from 3 s after convergence, and over another
//     window after --idle-warmup-secs (V8 optimizes a member's hot paths only
//     after a few minutes at a few packets a second; a Go agent needs no
//     warm-up; 0 skips it); RSS of member 0; bytes per second per member on
//     the wire in the first window (IP bytes, counted by an nftables rule, the
//     same for both tools).
//  3. loss: for each loss level, an N-member group of each tool in its own
//     namespace where that share of every packet is dropped (nftables
//     `numgen random` on input), for --loss-secs; counts false failures (a
//     live member declared dead / failed by any member). All groups run at
//     once, so the 10-minute default takes 10 minutes, not 60.
// Namespaces need root; without it steps 2 and 3 run on loopback without
// loss and without byte counts. --config overrides fields of the cluster
// Config's `gossip` section (as an operator would write them) for Flotilla.
// Results go to bench/results/gossip.jsonl.

import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gossipTuning } from '../src/daemon/daemon.js';
import { Keyring } from '../src/failure-detector/keyring.js';
import { defaultClusterConfig } from '../src/resources/index.js';
import { DIST_MEMBER, startMember, stopMembers, type MemberProcess } from '../test/helpers/gossip-members.js';
import { ensureBuilt } from './fleet.js';
import { rssBytes, threadCpuSeconds } from './lib/stats.js';

const REPO = resolve(import.meta.dirname, '..');
const SERF_SCRIPT = resolve(REPO, '../shared/bench/anchors/serf/run.sh');
let tuning = gossipTuning(defaultClusterConfig().gossip);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Detection {
  tool: string;
  nodes: number;
  reps: number;
  allS: { median: number; min: number; max: number };
  firstS: { median: number; min: number; max: number };
  samples: number[];
}
interface Idle {
  tool: string;
  nodes: number;
  windowS: number;
  /** the first window, from 3 s after the group converged */
  cpuPct: { median: number; min: number; max: number };
  /** a window starting warmupS after convergence (a Node member's JIT has optimized its hot paths by then) */
  warmupS?: number;
  cpuPctWarm?: { median: number; min: number; max: number };
  rssMbMember0: number;
  bytesPerSecPerMember?: number;
}
interface Loss {
  tool: string;
  nodes: number;
  lossPct: number;
  windowS: number;
  falseFailures: number;
  suspicions?: number;
}

const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mmm = (xs: number[]) => ({ median: med(xs), min: Math.min(...xs), max: Math.max(...xs) });

// ---------- network namespaces (root) ----------

function netnsAvailable(): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('ip', ['netns', 'add', 'fltb-probe']).status === 0 && spawnSync('ip', ['netns', 'del', 'fltb-probe']).status === 0;
}

/** a namespace with lo up, a byte counter on output and `lossPct` % of input dropped */
function makeNs(name: string, lossPct: number): void {
  spawnSync('ip', ['netns', 'del', name]);
  execFileSync('ip', ['netns', 'add', name]);
  execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  const rules = [
    'table inet bench {',
    '  chain output {',
    '    type filter hook output priority 0;',
    '    counter',
    '  }',
    '  chain input {',
    '    type filter hook input priority 0;',
    ...(lossPct > 0 ? [`    numgen random mod 100 < ${lossPct} drop`] : []),
    '  }',
    '}',
    '',
  ].join('\n');
  execFileSync('ip', ['netns', 'exec', name, 'nft', '-f', '-'], { input: rules });
}

function nsBytes(name: string): number {
  const out = execFileSync('ip', ['netns', 'exec', name, 'nft', 'list', 'chain', 'inet', 'bench', 'output'], { encoding: 'utf8' });
  return Number(/bytes (\d+)/.exec(out)?.[1] ?? NaN);
}

const dropNs = (name: string) => spawnSync('ip', ['netns', 'del', name]);

// ---------- groups of each tool ----------

interface Group {
  readonly tool: string;
  readonly pids: number[];
  falseFailures(): number;
  suspicions?(): number;
  waitAllAlive(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function flotillaGroup(n: number, dir: string, ns?: string): Promise<Group & { members: MemberProcess[] }> {
  const keyFile = join(dir, 'gossip.key');
  writeFileSync(keyFile, `${Keyring.generateKey()}\n`, { mode: 0o600 });
  const wrap = ns ? ['ip', 'netns', 'exec', ns] : [];
  const first = await startMember({ name: 'f0', keyFile, tuning, command: DIST_MEMBER, wrap });
  const rest: MemberProcess[] = [];
  for (let i = 1; i < n; i++) rest.push(await startMember({ name: `f${i}`, keyFile, tuning, command: DIST_MEMBER, wrap, join: [first.address] }));
  const members = [first, ...rest];
  let since = Infinity;
  return {
    tool: 'flotilla',
    members,
    pids: members.map((m) => m.pid),
    async waitAllAlive(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!members.every((o) => members.every((m) => m === o || o.view().get(m.name) === 'alive'))) {
        if (Date.now() > deadline) throw new Error(`flotilla: ${n} members did not converge in ${timeoutMs} ms`);
        await sleep(50);
      }
      since = Date.now();
    },
    falseFailures: () => members.reduce((k, o) => k + o.events.filter((e) => e.t >= since && e.state === 'dead').length, 0),
    suspicions: () => members.reduce((k, o) => k + o.events.filter((e) => e.t >= since && e.state === 'suspect').length, 0),
    stop: () => stopMembers(members),
  };
}

async function serfGroup(n: number, dir: string, basePort: number, ns?: string): Promise<Group> {
  const wrap = ns ? ['ip', 'netns', 'exec', ns] : [];
  const procs: ChildProcess[] = [];
  const rpc = (i: number) => `127.0.0.1:${basePort + n + i}`;
  const serf = (args: string[]) => spawnSync(wrap[0] ?? 'serf', [...wrap.slice(1), ...(wrap.length ? ['serf'] : []), ...args], { encoding: 'utf8' });
  for (let i = 0; i < n; i++) {
    const failed = join(dir, `failed.${i}`);
    writeFileSync(failed, '');
    const args = ['agent', `-node=s${i}`, `-bind=127.0.0.1:${basePort + i}`, `-rpc-addr=${rpc(i)}`, '-profile=lan', '-log-level=warn', `-event-handler=member-failed=cat >> ${failed}`];
    if (i > 0) args.push(`-join=127.0.0.1:${basePort}`);
    const argv = [...wrap, 'serf', ...args];
    procs.push(spawn(argv[0], argv.slice(1), { stdio: 'ignore' }));
    if (i === 0) {
      const deadline = Date.now() + 10_000;
      while (serf(['members', `-rpc-addr=${rpc(0)}`]).status !== 0) {
        if (Date.now() > deadline) throw new Error('serf seed agent did not start');
        await sleep(50);
      }
    }
  }
  let baseline = 0;
  const failedLines = () => Array.from({ length: n }, (_, i) => readFileSync(join(dir, `failed.${i}`), 'utf8').split('\n').filter(Boolean).length).reduce((a, b) => a + b, 0);
  return {
    tool: 'serf',
    pids: procs.map((p) => p.pid!),
    async waitAllAlive(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (let i = 0; i < n; i++) {
        while (serf(['members', `-rpc-addr=${rpc(i)}`, '-status=alive']).stdout.split('\n').filter(Boolean).length !== n) {
          if (Date.now() > deadline) throw new Error(`serf: ${n} agents did not converge in ${timeoutMs} ms`);
          await sleep(100);
        }
      }
      baseline = failedLines();
    },
    falseFailures: () => failedLines() - baseline,
    async stop() {
      for (const p of procs) p.kill('SIGKILL');
      await Promise.all(procs.map((p) => (p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', r)))));
    },
  };
}

// ---------- 1. detection ----------

async function flotillaDetection(n: number, reps: number, dir: string): Promise<Detection> {
  const all: number[] = [];
  const first: number[] = [];
  for (let rep = 1; rep <= reps; rep++) {
    const g = await flotillaGroup(n, dir);
    try {
      await g.waitAllAlive(30_000);
      await sleep(1_000);
      const victim = g.members[n - 1];
      const t0 = Date.now();
      victim.kill('SIGKILL');
      const survivors = g.members.slice(0, -1);
      const deadline = t0 + 60_000;
      const seen = () => survivors.map((o) => o.events.find((e) => e.member === victim.name && e.state === 'dead')?.t);
      while (seen().some((t) => t === undefined)) {
        if (Date.now() > deadline) throw new Error(`not every survivor saw ${victim.name} dead within 60 s`);
        await sleep(20);
      }
      const ts = seen().map((t) => (t! - t0) / 1000);
      all.push(Math.max(...ts));
      first.push(Math.min(...ts));
      console.log(`flotilla N=${String(n).padEnd(3)} rep ${rep}: all survivors saw dead after ${Math.max(...ts).toFixed(2)} s (first ${Math.min(...ts).toFixed(2)} s)`);
    } finally {
      await g.stop();
    }
  }
  return { tool: 'flotilla', nodes: n, reps, allS: mmm(all), firstS: mmm(first), samples: all };
}

function serfDetection(sizes: number[], reps: number, dir: string): Detection[] {
  const results = join(dir, 'serf.jsonl');
  const r = spawnSync('bash', [SERF_SCRIPT], { env: { ...process.env, SIZES: sizes.join(' '), REPS: String(reps), IDLE_SECS: '0', RESULTS: results }, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`anchors/serf/run.sh failed (${r.status})`);
  return readFileSync(results, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { anchor: string; nodes: number; reps: number; detect_all_s: Detection['allS']; detect_first_s: Detection['firstS']; samples_all_s: number[] })
    .filter((o) => o.anchor === 'serf-failure-detect')
    .map((o) => ({ tool: 'serf', nodes: o.nodes, reps: o.reps, allS: o.detect_all_s, firstS: o.detect_first_s, samples: o.samples_all_s }));
}

// ---------- 2. idle ----------

async function idle(groups: { g: Group; ns?: string }[], n: number, secs: number, warmupSecs: number): Promise<Idle[]> {
  await Promise.all(groups.map(({ g }) => g.waitAllAlive(60_000)));
  await sleep(3_000);
  const start = Date.now();
  const window = async () => {
    const t0 = Date.now();
    const cpu0 = groups.map(({ g }) => g.pids.map(threadCpuSeconds));
    const bytes0 = groups.map(({ ns }) => (ns ? nsBytes(ns) : NaN));
    await sleep(secs * 1000);
    const wall = (Date.now() - t0) / 1000;
    return groups.map(({ g, ns }, k) => ({
      pct: g.pids.map((p, i) => ((threadCpuSeconds(p) - cpu0[k][i]) / wall) * 100),
      bytesPerSec: ns ? (nsBytes(ns) - bytes0[k]) / wall / n : undefined,
      wall,
    }));
  };
  const first = await window();
  let warm: typeof first | undefined;
  if (warmupSecs > 0) {
    const left = start + warmupSecs * 1000 - Date.now();
    if (left > 0) {
      console.log(`   first ${secs} s measured; measuring again after ${warmupSecs} s`);
      await sleep(left);
    }
    warm = await window();
  }
  return groups.map(({ g }, k) => ({
    tool: g.tool,
    nodes: n,
    windowS: first[k].wall,
    cpuPct: mmm(first[k].pct),
    ...(warm ? { warmupS: warmupSecs, cpuPctWarm: mmm(warm[k].pct) } : {}),
    rssMbMember0: rssBytes(g.pids[0]) / 2 ** 20,
    ...(first[k].bytesPerSec !== undefined ? { bytesPerSecPerMember: first[k].bytesPerSec } : {}),
  }));
}

// ---------- main ----------

export async function runGossipBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '3,10' },
      reps: { type: 'string', default: '5' },
      'idle-n': { type: 'string', default: '10' },
      'idle-secs': { type: 'string', default: '60' },
      'idle-warmup-secs': { type: 'string', default: '600' },
      losses: { type: 'string', default: '10,20,30' },
      'loss-n': { type: 'string', default: '10' },
      'loss-secs': { type: 'string', default: '600' },
      'no-serf': { type: 'boolean', default: false },
      config: { type: 'string', default: '' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const reps = Number(values.reps);
  const idleN = Number(values['idle-n']);
  const idleSecs = Number(values['idle-secs']);
  const idleWarmupSecs = Number(values['idle-warmup-secs']);
  const losses = values.losses.split(',').filter(Boolean).map(Number);
  const lossN = Number(values['loss-n']);
  const lossSecs = Number(values['loss-secs']);
  const serf = !values['no-serf'];
  if (values.config) tuning = gossipTuning({ ...defaultClusterConfig().gossip, ...(JSON.parse(values.config) as object) });
  ensureBuilt();
  const netns = netnsAvailable();
  if (!netns) console.log('(not root: idle runs on loopback without byte counts, and the loss scenarios are skipped)');
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-gossip-bench-'));
  const namespaces: string[] = [];
  const groups: Group[] = [];
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  const cleanup = async () => {
    await Promise.allSettled(groups.map((g) => g.stop()));
    namespaces.forEach(dropNs);
    await rm(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', onSignal);
  try {
    console.log(`== gossip tuning: ${JSON.stringify(tuning)}`);
    const detections: Detection[] = [];
    for (const n of sizes) detections.push(await flotillaDetection(n, reps, dir));
    if (serf) detections.push(...serfDetection(sizes, reps, dir));

    let idles: Idle[] = [];
    if (idleSecs > 0) {
      console.log(`== idle: ${idleN} members per tool, ${idleSecs} s windows at the start and after ${idleWarmupSecs} s`);
      const set: { g: Group; ns?: string }[] = [];
      const nsF = netns ? 'fltb-idle-f' : undefined;
      const nsS = netns ? 'fltb-idle-s' : undefined;
      for (const ns of [nsF, nsS]) {
        if (!ns) continue;
        namespaces.push(ns);
        makeNs(ns, 0);
      }
      mkdirSync(join(dir, 'idle-f'), { recursive: true });
      mkdirSync(join(dir, 'idle-s'), { recursive: true });
      const f = await flotillaGroup(idleN, join(dir, 'idle-f'), nsF);
      groups.push(f);
      set.push({ g: f, ns: nsF });
      if (serf) {
        const s = await serfGroup(idleN, join(dir, 'idle-s'), 18000, nsS);
        groups.push(s);
        set.push({ g: s, ns: nsS });
      }
      idles = await idle(set, idleN, idleSecs, idleWarmupSecs);
      for (const { g } of set) await g.stop();
    }

    const lossResults: Loss[] = [];
    if (netns && lossSecs > 0 && losses.length > 0) {
      console.log(`== loss: ${lossN} members per tool at ${losses.join(', ')} % loss, ${lossSecs} s, all at once`);
      const running: { g: Group; loss: number }[] = [];
      for (const [k, loss] of losses.entries()) {
        const nsF = `fltb-loss${loss}-f`;
        const nsS = `fltb-loss${loss}-s`;
        for (const ns of [nsF, ...(serf ? [nsS] : [])]) {
          namespaces.push(ns);
          makeNs(ns, 0);
        }
        const df = join(dir, `loss${loss}-f`);
        const ds = join(dir, `loss${loss}-s`);
        mkdirSync(df, { recursive: true });
        mkdirSync(ds, { recursive: true });
        const f = await flotillaGroup(lossN, df, nsF);
        groups.push(f);
        running.push({ g: f, loss });
        if (serf) {
          const s = await serfGroup(lossN, ds, 19000 + 100 * k, nsS);
          groups.push(s);
          running.push({ g: s, loss });
        }
      }
      await Promise.all(running.map(({ g }) => g.waitAllAlive(60_000)));
      // loss starts once every group converged
      for (const loss of losses) for (const ns of [`fltb-loss${loss}-f`, ...(serf ? [`fltb-loss${loss}-s`] : [])]) setLoss(ns, loss);
      const t0 = Date.now();
      while (Date.now() - t0 < lossSecs * 1000) {
        await sleep(Math.min(60_000, lossSecs * 1000 - (Date.now() - t0)));
        console.log(`  ${Math.round((Date.now() - t0) / 1000)} s: ${running.map(({ g, loss }) => `${g.tool}@${loss}%=${g.falseFailures()}`).join('  ')}`);
      }
      const windowS = (Date.now() - t0) / 1000;
      for (const { g, loss } of running) {
        lossResults.push({ tool: g.tool, nodes: lossN, lossPct: loss, windowS, falseFailures: g.falseFailures(), ...(g.suspicions ? { suspicions: g.suspicions() } : {}) });
        await g.stop();
      }
    }

    report(detections, idles, lossResults);
    mkdirSync(join(REPO, 'bench/results'), { recursive: true });
    const host = { cores: (await import('node:os')).availableParallelism(), kernel: execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim(), ts: new Date().toISOString() };
    appendFileSync(join(REPO, 'bench/results/gossip.jsonl'), `${JSON.stringify({ suite: 'gossip', tuning, detections, idles, loss: lossResults, ...host })}\n`);
  } finally {
    process.off('SIGINT', onSignal);
    await cleanup();
  }
}

function setLoss(ns: string, pct: number): void {
  execFileSync('ip', ['netns', 'exec', ns, 'nft', '-f', '-'], { input: `flush chain inet bench input\nadd rule inet bench input numgen random mod 100 < ${pct} drop\n` });
}

function report(detections: Detection[], idles: Idle[], loss: Loss[]): void {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  console.log('\n== detection after kill -9 (s until every survivor holds it dead)');
  console.log('tool      N    median   min    max    first-median');
  for (const d of detections) console.log(`${d.tool.padEnd(9)} ${String(d.nodes).padEnd(4)} ${f(d.allS.median).padStart(6)} ${f(d.allS.min).padStart(6)} ${f(d.allS.max).padStart(6)}   ${f(d.firstS.median)}`);
  if (idles.length) {
    console.log('\n== idle (per member)');
    const cpu = (c?: { median: number; min: number; max: number }) => (c ? `${f(c.median, 3)} (${f(c.min, 3)}..${f(c.max, 3)})` : '-'.padEnd(19));
    console.log(`tool      N    CPU% first ${idles[0].windowS.toFixed(0)} s       CPU% after ${idles[0].warmupS ?? '-'} s      RSS MB (member 0)   bytes/s`);
    for (const i of idles) console.log(`${i.tool.padEnd(9)} ${String(i.nodes).padEnd(4)} ${cpu(i.cpuPct)}   ${cpu(i.cpuPctWarm)}   ${f(i.rssMbMember0, 1).padStart(6)}            ${i.bytesPerSecPerMember === undefined ? '-' : Math.round(i.bytesPerSecPerMember)}`);
  }
  if (loss.length) {
    console.log('\n== false failures under loss');
    console.log('tool      N    loss   window s   false failures   (suspicions raised)');
    for (const l of loss) console.log(`${l.tool.padEnd(9)} ${String(l.nodes).padEnd(4)} ${String(l.lossPct).padStart(3)} %   ${f(l.windowS, 0).padStart(6)}     ${String(l.falseFailures).padStart(6)}           ${l.suspicions ?? '-'}`);
  }
}
