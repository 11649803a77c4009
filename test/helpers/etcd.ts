// Real etcd for tests: spawns the Debian `etcd` binary (package etcd-server,
// 3.4.x) on free loopback ports with a temp data dir, waits for /health, and
// cleans up processes and directories on dispose, also when a test fails.
//
// Usage (one etcd per test FILE, started in `before`; every test uses its own
// key prefix, e.g. uniquePrefix('watch'), so tests in a file don't see each
// other's keys):
//
//   let etcd: EtcdServer;
//   before(async () => { etcd = await startEtcd(); });
//   after(() => etcd.stop());
//   it('...', async () => { const store = await openEtcdStore({ endpoints: etcd.endpoints }); ... });
//
// or inside one test: `await using etcd = await startEtcd();`.
//
// Never uses the default ports 2379/2380 (a system etcd may own them). Ports
// come from listen(0), which is racy, so a start that fails with "address
// already in use" is retried on new ports. A missing binary throws with the
// install command; it never skips.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePorts } from './ports.js';

export interface StartEtcdOptions {
  /** keep fsync on (benchmarks); default false, which passes --unsafe-no-fsync */
  fsync?: boolean;
  /** --heartbeat-interval=10 --election-timeout=100 (default true); false keeps etcd's defaults */
  fastRaft?: boolean;
  /**
   * etcd's --experimental-watch-progress-notify-interval: how often an idle
   * watch gets a progress notification (the etcd backend's bookmarks).
   * Default '200ms' (etcd's own default is 10m).
   */
  progressNotifyInterval?: string;
  /** more etcd flags */
  extraArgs?: string[];
  /** how long to wait for /health to report true; default 15000 */
  healthTimeoutMs?: number;
}

/** One etcd process (a single server or a cluster member). */
export interface EtcdMember {
  readonly name: string;
  readonly clientPort: number;
  readonly peerPort: number;
  /** http://127.0.0.1:<clientPort> */
  readonly clientUrl: string;
  readonly dataDir: string;
  /** etcd's zap log (warn level) */
  readonly logFile: string;
  readonly pid: number | undefined;
  readonly isRunning: boolean;
  /**
   * Sends `signal` (default SIGTERM) and waits for the process to exit;
   * SIGSTOP/SIGCONT (freeze/thaw the member) return at once.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM (after SIGCONT, in case it was frozen), then SIGKILL after 5 s; no-op when not running */
  stop(): Promise<void>;
  /** starts the process again with the same data dir and ports; waits until this member is healthy */
  restart(): Promise<void>;
  /** the last lines of the log file, for failure messages */
  logTail(lines?: number): string;
}

export interface EtcdServer extends EtcdMember, AsyncDisposable {
  /** client URLs to pass to openEtcdStore */
  readonly endpoints: string[];
  /** stops etcd AND deletes its data dir (same as dispose); to restart later, use kill() then restart() */
  stop(): Promise<void>;
  /** stops etcd and deletes its temp dir; idempotent */
  dispose(): Promise<void>;
}

export interface EtcdCluster extends AsyncDisposable {
  readonly members: readonly EtcdMember[];
  /** every member's client URL */
  readonly endpoints: string[];
  /** index in `members` of the current raft leader (asks the members over HTTP; waits up to 10 s for one) */
  leaderIndex(): Promise<number>;
  /** stops every member and deletes the temp dir; idempotent */
  stop(): Promise<void>;
}

const INSTALL_HINT = 'apt-get install -y etcd-server etcd-client';
const MAX_START_ATTEMPTS = 5;

/**
 * Children still running. They are SIGKILLed synchronously if the test
 * process exits without disposing them, or is told to stop by a signal (the
 * test runner's SIGTERM on a timeout skips 'exit' handlers). After cleaning
 * up, a signal nobody else listens for is raised again so the process still
 * dies of it.
 */
const live = new Set<ChildProcess>();
/** temp dirs not yet removed by a dispose; removed synchronously on exit or signal */
const liveDirs = new Set<string>();
let exitHooksInstalled = false;
function killLive(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
  for (const d of liveDirs) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // best effort while the process dies
    }
  }
  liveDirs.clear();
}
function track(child: ChildProcess): void {
  if (!exitHooksInstalled) {
    exitHooksInstalled = true;
    process.once('exit', killLive);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(sig, () => {
        killLive();
        if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
      });
    }
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** A key prefix no other test uses: `/test/<label>-<random>/`. */
export function uniquePrefix(label = 't'): string {
  return `/test/${label}-${randomUUID().slice(0, 8)}/`;
}

/** Path of the etcd binary; throws with the install command when it is missing. */
export function etcdBinary(): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const d of [...dirs, '/usr/bin', '/usr/local/bin']) {
    const p = path.join(d, 'etcd');
    if (existsSync(p)) return p;
  }
  throw new Error(`etcd binary not found on PATH; install it with: ${INSTALL_HINT}`);
}

function httpRequest(url: string, { method = 'GET', body, timeoutMs = 500 }: { method?: string; body?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, timeout: timeoutMs }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve(data));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function isHealthy(clientUrl: string): Promise<boolean> {
  try {
    const text = await httpRequest(`${clientUrl}/health`, { timeoutMs: 300 });
    return (JSON.parse(text) as { health?: string }).health === 'true';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface MemberSpec {
  name: string;
  clientPort: number;
  peerPort: number;
  dir: string;
  initialCluster: string;
  token: string;
  opts: StartEtcdOptions;
}

class Member implements EtcdMember {
  readonly name: string;
  readonly clientPort: number;
  readonly peerPort: number;
  readonly clientUrl: string;
  readonly dataDir: string;
  readonly logFile: string;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #stderr = '';

  constructor(private readonly spec: MemberSpec) {
    this.name = spec.name;
    this.clientPort = spec.clientPort;
    this.peerPort = spec.peerPort;
    this.clientUrl = `http://127.0.0.1:${spec.clientPort}`;
    this.dataDir = path.join(spec.dir, spec.name);
    this.logFile = path.join(spec.dir, `${spec.name}.log`);
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get isRunning(): boolean {
    const c = this.#child;
    return c !== undefined && c.pid !== undefined && c.exitCode === null && c.signalCode === null;
  }

  spawn(): void {
    const { opts } = this.spec;
    const peerUrl = `http://127.0.0.1:${this.peerPort}`;
    const args = [
      '--name', this.name,
      '--data-dir', this.dataDir,
      '--logger=zap', '--log-level=warn', `--log-outputs=${this.logFile}`,
      '--listen-client-urls', this.clientUrl, '--advertise-client-urls', this.clientUrl,
      '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl,
      '--initial-cluster', this.spec.initialCluster,
      '--initial-cluster-state', 'new', '--initial-cluster-token', this.spec.token,
      `--experimental-watch-progress-notify-interval=${opts.progressNotifyInterval ?? '200ms'}`,
    ];
    if (!opts.fsync) args.push('--unsafe-no-fsync');
    if (opts.fastRaft ?? true) args.push('--heartbeat-interval=10', '--election-timeout=100');
    args.push(...(opts.extraArgs ?? []));
    const child = spawn(etcdBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.#stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (this.#stderr = (this.#stderr + c).slice(-4000)));
    track(child);
    this.#child = child;
    this.#exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
      // spawn failures emit 'error' and maybe no 'exit'
      child.once('error', (err) => {
        this.#stderr += `\nspawn failed: ${err.message}`;
        resolve();
      });
    });
  }

  logTail(lines = 20): string {
    let text = '';
    try {
      text = readFileSync(this.logFile, 'utf8');
    } catch {
      // no log yet
    }
    return `${text.split('\n').slice(-lines).join('\n')}${this.#stderr ? `\nstderr: ${this.#stderr}` : ''}`;
  }

  /** true when the process died because a port was taken */
  get failedToBind(): boolean {
    return !this.isRunning && /address already in use/.test(this.logTail(200));
  }

  async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.isRunning) throw new Error(`etcd ${this.name} exited (code ${this.#child?.exitCode}, signal ${this.#child?.signalCode}): ${this.logTail()}`);
      if (await isHealthy(this.clientUrl)) return;
      if (Date.now() > deadline) throw new Error(`etcd ${this.name} not healthy after ${timeoutMs} ms: ${this.logTail()}`);
      await sleep(50);
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.isRunning) return;
    this.#child!.kill(signal);
    if (signal === 'SIGSTOP' || signal === 'SIGCONT') return;
    await this.#exited;
  }

  async stop(): Promise<void> {
    if (!this.isRunning) return;
    this.#child!.kill('SIGCONT');
    this.#child!.kill('SIGTERM');
    const t = setTimeout(() => this.#child?.kill('SIGKILL'), 5000);
    await this.#exited;
    clearTimeout(t);
  }

  async restart(): Promise<void> {
    if (this.isRunning) throw new Error(`etcd ${this.name} is still running`);
    this.spawn();
    await this.waitHealthy(this.spec.opts.healthTimeoutMs ?? 15_000);
  }
}

async function removeDir(dir: string): Promise<void> {
  liveDirs.delete(dir);
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

async function startMembers(count: number, opts: StartEtcdOptions): Promise<{ dir: string; members: Member[] }> {
  etcdBinary();
  const dir = await mkdtemp(path.join(tmpdir(), 'flotilla-etcd-'));
  liveDirs.add(dir);
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
    const ports = await freePorts(count * 2);
    const names = Array.from({ length: count }, (_, i) => `e${i}`);
    const initialCluster = names.map((n, i) => `${n}=http://127.0.0.1:${ports[2 * i + 1]}`).join(',');
    const token = `test-${process.pid}-${randomUUID().slice(0, 8)}`;
    const attemptDir = path.join(dir, `a${attempt}`);
    await mkdir(attemptDir, { recursive: true });
    const members = names.map(
      (name, i) => new Member({ name, clientPort: ports[2 * i], peerPort: ports[2 * i + 1], dir: attemptDir, initialCluster, token, opts }),
    );
    for (const m of members) m.spawn();
    try {
      await Promise.all(members.map((m) => m.waitHealthy(opts.healthTimeoutMs ?? 15_000)));
      return { dir, members };
    } catch (err) {
      lastError = err;
      const bindFailure = members.some((m) => m.failedToBind);
      await Promise.all(members.map((m) => m.stop()));
      if (!bindFailure) break;
    }
  }
  await removeDir(dir);
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

class SingleEtcd implements EtcdServer {
  readonly endpoints: string[];
  #disposed: Promise<void> | undefined;

  constructor(
    private readonly m: Member,
    private readonly dir: string,
  ) {
    this.endpoints = [m.clientUrl];
  }

  get name() { return this.m.name; }
  get clientPort() { return this.m.clientPort; }
  get peerPort() { return this.m.peerPort; }
  get clientUrl() { return this.m.clientUrl; }
  get dataDir() { return this.m.dataDir; }
  get logFile() { return this.m.logFile; }
  get pid() { return this.m.pid; }
  get isRunning() { return this.m.isRunning; }
  kill(signal?: NodeJS.Signals): Promise<void> { return this.m.kill(signal); }
  restart(): Promise<void> { return this.m.restart(); }
  logTail(lines?: number): string { return this.m.logTail(lines); }

  /** stops etcd and deletes its temp dir (same as dispose) */
  stop(): Promise<void> {
    return this.dispose();
  }

  dispose(): Promise<void> {
    return (this.#disposed ??= (async () => {
      await this.m.stop();
      await removeDir(this.dir);
    })());
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** Starts one etcd; `await using etcd = await startEtcd()` or call stop() in `after`. */
export async function startEtcd(opts: StartEtcdOptions = {}): Promise<EtcdServer> {
  const { dir, members } = await startMembers(1, opts);
  return new SingleEtcd(members[0], dir);
}

/** Starts an n-member cluster (default 3) on loopback. */
export async function startEtcdCluster(n = 3, opts: StartEtcdOptions = {}): Promise<EtcdCluster> {
  const { dir, members } = await startMembers(n, opts);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(members.map((m) => m.stop()));
      await removeDir(dir);
    })());
  return {
    members,
    endpoints: members.map((m) => m.clientUrl),
    async leaderIndex() {
      const deadline = Date.now() + 10_000;
      for (;;) {
        for (let i = 0; i < members.length; i++) {
          if (!members[i].isRunning) continue;
          try {
            const text = await httpRequest(`${members[i].clientUrl}/v3/maintenance/status`, { method: 'POST', body: '{}' });
            const s = JSON.parse(text) as { leader?: string; header?: { member_id?: string } };
            if (s.leader && s.leader !== '0' && s.leader === s.header?.member_id) return i;
          } catch {
            // member down or busy: ask the next one
          }
        }
        if (Date.now() > deadline) throw new Error('etcd cluster has no leader after 10 s');
        await sleep(50);
      }
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
