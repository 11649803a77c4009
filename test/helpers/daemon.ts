// Daemons for tests: in-process (fast, for API tests) or as separate
// processes (for kill -9 and real startup behaviour), each with its own data
// dir and a port chosen by the OS (127.0.0.1:0).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { localTestConfig, type Config } from '../../src/config/schema.js';
import { startDaemon, type Daemon } from '../../src/daemon/daemon.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger, silentLogger } from '../../src/log.js';

export const REPO = resolve(import.meta.dirname, '../..');

export interface TestDaemon extends AsyncDisposable {
  readonly daemon: Daemon;
  readonly address: string;
  readonly dataDir: string;
}

/** an in-process daemon on the embedded store (default) or the given etcd endpoints */
export async function startTestDaemon(
  opts: { name?: string; etcd?: readonly string[]; labels?: Record<string, string>; dataDir?: string; tweak?: (c: Config) => Config } = {},
): Promise<TestDaemon> {
  const name = opts.name ?? 'test-node';
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'flotilla-daemon-')));
  let config = localTestConfig(name, dataDir);
  if (opts.etcd) config = { ...config, store: { ...config.store, backend: 'etcd', etcd: { ...config.store.etcd, endpoints: opts.etcd } } };
  if (opts.labels) config = { ...config, labels: opts.labels };
  if (opts.tweak) config = opts.tweak(config);
  const log = process.env.TEST_LOG ? createLogger({ level: process.env.TEST_LOG, node: name }) : silentLogger();
  const daemon = await startDaemon(config, { log, clock: systemClock, version: '0.0.0-test' });
  return {
    daemon,
    address: daemon.apiAddress,
    dataDir,
    async [Symbol.asyncDispose]() {
      await daemon.stop();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface DaemonProcess extends AsyncDisposable {
  readonly child: ChildProcess;
  readonly name: string;
  /** host:port of the API, read from the 'ready' log line */
  readonly address: string;
  /** host:port of its gossip member (port 0 by default, so a free one) */
  readonly gossip: string;
  readonly dataDir: string;
  /** every stderr line so far */
  readonly logs: string[];
  /** resolves with the exit code (or signal name) */
  readonly exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Spawns `flotillad` from source (tsx) and waits for its 'ready' log line.
 * Rejects with the daemon's stderr when it exits first.
 */
export async function spawnDaemon(args: readonly string[], opts: { name?: string; dataDir?: string; readyTimeoutMs?: number; env?: Record<string, string> } = {}): Promise<DaemonProcess> {
  const name = opts.name ?? 'proc-node';
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'flotilla-proc-')));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'src/daemon/main.ts'), '--name', name, '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--gossip-bind', '127.0.0.1:0', '--log-level', 'info', ...args],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } },
  );
  const logs: string[] = [];
  const exited = new Promise<number | string>((r) => child.once('exit', (code, sig) => r(code ?? sig ?? -1)));
  let gossip = '';
  const address = await new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon ${name} not ready in time:\n${logs.join('\n')}`)), opts.readyTimeoutMs ?? 30_000);
    createInterface({ input: child.stderr }).on('line', (line) => {
      logs.push(line);
      try {
        const rec = JSON.parse(line) as { msg?: string; api?: string; gossip?: string };
        if (rec.msg === 'ready' && rec.api) {
          clearTimeout(timer);
          gossip = rec.gossip ?? '';
          resolveReady(rec.api);
        }
      } catch {
        // not JSON: a plain error line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`daemon ${name} exited (${code}) before ready:\n${logs.join('\n')}`));
    });
  });
  return {
    child,
    name,
    address,
    gossip,
    dataDir,
    logs,
    exited,
    kill: (signal: NodeJS.Signals = 'SIGTERM') => void child.kill(signal),
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** runs flotctl from source and captures its output */
export async function runCli(args: readonly string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'cli/main.ts'), ...args], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FLOTILLA_SERVER: '', ...opts.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(opts.stdin ?? '');
  const code = await new Promise<number>((r) => child.once('close', (c) => r(c ?? -1)));
  return { code, stdout, stderr };
}
