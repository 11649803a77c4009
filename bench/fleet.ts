// npm run bench -- fleet [--runs 3] [--noop-runs 5] [--tools "cfengine puppet ansible"] [--no-anchors]
//
// Workload fleet-200 (../shared/bench/anchors/README.md): one template
// rendered to 200 files plus one guarded command. Flotilla runs it as the
// TaskBook bench/fleet/fleet-200.yaml through `flotctl run fleet-200 --set
// target=DIR --wait` against a running single-node daemon (embedded store),
// the way a user would; then, in the same run, the anchors' own run.sh times
// CFEngine, Puppet and Ansible on the same machine.
//
// Per Flotilla phase: first run = the target removed before each of `runs`
// timed runs; no-op = `noop-runs` timed runs on the converged target. Wall
// time is the whole flotctl process (start to exit). Peak RSS: flotctl's
// (from /usr/bin/time, like the anchors' figure) and the daemon's VmHWM. The
// target is checked against anchors/lib/expected.sh (content and modes), and
// a no-op run must leave every inode, mtime and ctime as it was.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { summary } from './lib/stats.js';

const REPO = resolve(import.meta.dirname, '..');
const ANCHORS = resolve(REPO, '../shared/bench/anchors');
const WORKDIR = process.env.WORKDIR ?? '/var/tmp/fleet-bench';

interface Phase {
  tool: string;
  phase: 'first' | 'noop';
  runs: number;
  wall: { median: number; min: number; max: number };
  peakRssKb: number;
  daemonPeakRssKb?: number;
  verified: boolean;
}

function sh(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync(cmd, args, { cwd: opts.cwd ?? REPO, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** the compiled CLI and daemon are what users run; build when a source is newer than dist/ */
export function ensureBuilt(): void {
  const stamp = join(REPO, 'dist/src/daemon/main.js');
  const stale = !existsSync(stamp) || sh('find', ['src', 'cli', '-newer', stamp, '-name', '*.ts', '-print', '-quit']).trim() !== '';
  if (stale) sh('npm', ['run', '--silent', 'build']);
}

/** name, type, mode of every entry: modes must match too (content is checked by diff -r) */
const treeModes = (dir: string) => sh('sh', ['-c', `cd "$1" && find . -printf '%P %y %m\\n' | sort`, 'sh', dir]);
/** changes whenever anything is rewritten */
const treeStamp = (dir: string) => sh('sh', ['-c', `cd "$1" && find . -printf '%P %i %m %s %T@ %C@\\n' | sort`, 'sh', dir]);

function verify(expected: string, target: string): boolean {
  const same = spawnSync('diff', ['-r', expected, target], { stdio: 'ignore' }).status === 0;
  return same && treeModes(expected) === treeModes(target);
}

function vmHwmKb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** one timed flotctl run: wall seconds (hrtime around the process) and its peak RSS */
function timedRun(server: string, target: string, count: number): { wall: number; rssKb: number; ok: boolean; out: string } {
  const timeFile = join(WORKDIR, 'flotilla-time.txt');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', '-o', timeFile, process.execPath, join(REPO, 'bin/flotctl.js'), '--server', server, 'run', 'fleet-200', '--set', `target=${target}`, '--set', `count=${count}`, '--wait'],
    { encoding: 'utf8', env: { ...process.env, FLOTILLA_SERVER: '' } },
  );
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const rssKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  return { wall, rssKb, ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

async function startDaemon(dataDir: string): Promise<{ pid: number; address: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(REPO, 'bin/flotillad.js'), '--name', 'bench', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--gossip-bind', '127.0.0.1:0', '--log-level', 'info'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const lines: string[] = [];
  const address = await new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`flotillad not ready:\n${lines.join('\n')}`)), 30_000);
    createInterface({ input: child.stderr }).on('line', (line) => {
      lines.push(line);
      try {
        const rec = JSON.parse(line) as { msg?: string; api?: string };
        if (rec.msg === 'ready' && rec.api) {
          clearTimeout(timer);
          resolveReady(rec.api);
        }
      } catch {
        // a plain error line
      }
    });
    void exited.then(() => reject(new Error(`flotillad exited:\n${lines.join('\n')}`)));
  });
  return {
    pid: child.pid!,
    address,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function benchFlotilla(opts: { runs: number; noopRuns: number; count: number; expected: string }): Promise<Phase[]> {
  ensureBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-bench-fleet-'));
  const d = await startDaemon(dataDir);
  try {
    const ctl = (...args: string[]) => sh(process.execPath, [join(REPO, 'bin/flotctl.js'), '--server', d.address, ...args]);
    ctl('apply', '-f', join(REPO, 'bench/fleet/fleet-200.yaml'));
    const target = join(WORKDIR, 'flotilla');
    // untimed warm-up (page cache, a first plan): one file
    rmSync(target, { recursive: true, force: true });
    const warm = timedRun(d.address, target, 1);
    if (!warm.ok) throw new Error(`warm-up run failed:\n${warm.out}`);
    const first: { wall: number; rssKb: number }[] = [];
    for (let i = 0; i < opts.runs; i++) {
      rmSync(target, { recursive: true, force: true });
      const r = timedRun(d.address, target, opts.count);
      if (!r.ok) throw new Error(`first run failed:\n${r.out}`);
      first.push(r);
    }
    const firstOk = verify(opts.expected, target);
    const before = treeStamp(target);
    const noop: { wall: number; rssKb: number }[] = [];
    for (let i = 0; i < opts.noopRuns; i++) {
      const r = timedRun(d.address, target, opts.count);
      if (!r.ok) throw new Error(`no-op run failed:\n${r.out}`);
      noop.push(r);
    }
    const noopOk = verify(opts.expected, target) && treeStamp(target) === before;
    const daemonPeak = vmHwmKb(d.pid);
    const phase = (name: 'first' | 'noop', rs: { wall: number; rssKb: number }[], ok: boolean): Phase => {
      const s = summary(rs.map((r) => r.wall));
      return { tool: 'flotilla', phase: name, runs: rs.length, wall: { median: s.p50, min: s.min, max: s.max }, peakRssKb: Math.max(...rs.map((r) => r.rssKb)), daemonPeakRssKb: daemonPeak, verified: ok };
    };
    return [phase('first', first, firstOk), phase('noop', noop, noopOk)];
  } finally {
    await d.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** the anchors' own script, in this run; returns its fleet-200 phases */
function benchAnchors(tools: string): Phase[] {
  const results = join(WORKDIR, `anchors-${Date.now()}.jsonl`);
  const r = spawnSync(join(ANCHORS, 'run.sh'), [], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TOOLS: tools, SERF: '0', RESULTS: results, WORKDIR } });
  if (!existsSync(results)) throw new Error(`anchors/run.sh wrote no results (exit ${r.status})`);
  const out: Phase[] = [];
  for (const line of readFileSync(results, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const j = JSON.parse(line) as { anchor?: string; tool: string; phase: string; runs: number; wall_s: { min: number; median: number; max: number }; peak_rss_kb: number; verified: boolean };
    if (j.anchor !== 'fleet-200') continue;
    out.push({ tool: j.tool, phase: j.phase === 'first' ? 'first' : 'noop', runs: j.runs, wall: j.wall_s, peakRssKb: j.peak_rss_kb, verified: j.verified });
  }
  return out;
}

export async function runFleetBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      'noop-runs': { type: 'string', default: '5' },
      count: { type: 'string', default: '200' },
      tools: { type: 'string', default: 'cfengine puppet ansible' },
      'no-anchors': { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  mkdirSync(WORKDIR, { recursive: true });
  const expected = join(WORKDIR, 'flotilla-expected');
  rmSync(expected, { recursive: true, force: true });
  sh(join(ANCHORS, 'lib/expected.sh'), [expected, String(count)], { env: { ...process.env } });

  const phases = await benchFlotilla({ runs: Number(values.runs), noopRuns: Number(values['noop-runs']), count, expected });
  if (!values['no-anchors']) phases.push(...benchAnchors(values.tools));

  const byTool = new Map<string, { first?: Phase; noop?: Phase }>();
  for (const p of phases) byTool.set(p.tool, { ...byTool.get(p.tool), [p.phase]: p });
  const f = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(n < 1 ? 3 : 2));
  const mb = (kb: number | undefined) => (kb === undefined || !Number.isFinite(kb) ? '-' : (kb / 1024).toFixed(1));
  const cf = byTool.get('cfengine');
  const rows = [['tool', 'first s (min)', 'no-op s (min)', 'peak RSS MB first / no-op', 'daemon peak MB', 'verified', 'vs CFEngine first / no-op']];
  for (const [tool, p] of byTool) {
    const ratio = (a?: Phase, b?: Phase) => (a && b ? `${(a.wall.median / b.wall.median).toFixed(2)}x` : '-');
    rows.push([
      tool,
      `${f(p.first?.wall.median)} (${f(p.first?.wall.min)})`,
      `${f(p.noop?.wall.median)} (${f(p.noop?.wall.min)})`,
      `${mb(p.first?.peakRssKb)} / ${mb(p.noop?.peakRssKb)}`,
      mb(p.first?.daemonPeakRssKb),
      String((p.first?.verified ?? false) && (p.noop?.verified ?? false)),
      `${ratio(p.first, cf?.first)} / ${ratio(p.noop, cf?.noop)}`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\nfleet-${count}, medians of wall time per run (whole process)`);
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));

  mkdirSync(join(REPO, 'bench/results'), { recursive: true });
  const ts = new Date().toISOString();
  for (const p of phases) appendFileSync(join(REPO, 'bench/results/fleet.jsonl'), `${JSON.stringify({ ts, files: count, ...p })}\n`);
  if (phases.some((p) => !p.verified)) {
    console.error('some tool did not produce the expected tree');
    process.exitCode = 1;
  }
}
