// A local three-server Flotilla: three etcd members (Debian etcd-server) and
// three flotillad on loopback, each with its own ports and data dir under
// .cluster/. Processes run in the background; their PIDs and command lines go
// to .cluster/state.json so `down` stops exactly what `up` started (it checks
// each PID's command line before signalling it).
//
//   npm run cluster                      # up (base port 7410; etcd on 23790..)
//   npm run cluster -- status
//   npm run cluster -- down
//   tsx scripts/cluster.ts up --dir /tmp/c --base-port 17410 --etcd-base-port 33790

import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODES = 3;

interface Proc {
  name: string;
  pid: number;
  /** a string that must appear in /proc/<pid>/cmdline for the PID to still be ours */
  marker: string;
  log: string;
}
interface State {
  etcd: (Proc & { clientUrl: string; peerUrl: string })[];
  daemons: (Proc & { api: string; gossip: string })[];
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    dir: { type: 'string' },
    'base-port': { type: 'string' },
    'etcd-base-port': { type: 'string' },
  },
  allowPositionals: true,
});
const action = positionals[0] ?? 'up';
const dir = resolve(values.dir ?? join(root, '.cluster'));
const statePath = join(dir, 'state.json');
const basePort = Number(values['base-port'] ?? process.env.CLUSTER_BASE_PORT ?? 7410);
const etcdBase = Number(values['etcd-base-port'] ?? process.env.CLUSTER_ETCD_BASE_PORT ?? 23790);

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function isOurs(p: Proc): boolean {
  return cmdline(p.pid).includes(p.marker);
}

function readState(): State | undefined {
  return existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as State) : undefined;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s`);
}

function start(cmd: string, args: string[], log: string): number {
  const fd = openSync(log, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], cwd: root });
  closeSync(fd);
  child.unref();
  if (child.pid === undefined) throw new Error(`cannot start ${cmd}`);
  return child.pid;
}

async function up(): Promise<void> {
  const existing = readState();
  if (existing && [...existing.etcd, ...existing.daemons].some(isOurs)) {
    console.log(`a cluster is already running (state in ${statePath}); use 'npm run cluster -- down' first`);
    status(existing);
    return;
  }
  if (spawnSync('etcd', ['--version']).status !== 0) {
    throw new Error('the etcd binary is missing: install it with `sudo apt-get install -y etcd-server`');
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const etcdPorts = Array.from({ length: NODES }, (_, i) => ({ client: etcdBase + i, peer: etcdBase + 10 + i }));
  const apiPorts = Array.from({ length: NODES }, (_, i) => ({ api: basePort + 10 * i, gossip: basePort + 10 * i + 1 }));
  for (const p of [...etcdPorts.flatMap((e) => [e.client, e.peer]), ...apiPorts.flatMap((a) => [a.api, a.gossip])]) {
    if (!(await portFree(p))) throw new Error(`port ${p} is in use; pick other ports with --base-port / --etcd-base-port`);
  }
  const state: State = { etcd: [], daemons: [] };
  const save = () => writeFileSync(statePath, JSON.stringify(state, null, 2));
  const initial = etcdPorts.map((e, i) => `etcd-${i + 1}=http://127.0.0.1:${e.peer}`).join(',');
  for (const [i, e] of etcdPorts.entries()) {
    const name = `etcd-${i + 1}`;
    const data = join(dir, name);
    const log = join(dir, 'logs', `${name}.log`);
    const pid = start(
      'etcd',
      [
        '--name', name, '--data-dir', data, '--logger=zap', '--log-level=warn',
        '--listen-client-urls', `http://127.0.0.1:${e.client}`, '--advertise-client-urls', `http://127.0.0.1:${e.client}`,
        '--listen-peer-urls', `http://127.0.0.1:${e.peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${e.peer}`,
        '--initial-cluster', initial, '--initial-cluster-state', 'new', '--initial-cluster-token', `flotilla-local-${process.pid}`,
      ],
      log,
    );
    state.etcd.push({ name, pid, marker: data, log, clientUrl: `http://127.0.0.1:${e.client}`, peerUrl: `http://127.0.0.1:${e.peer}` });
    save();
  }
  await waitFor(
    'etcd',
    async () => {
      const ok = await Promise.all(state.etcd.map((e) => fetch(`${e.clientUrl}/health`).then((r) => r.json() as Promise<{ health: string }>, () => undefined)));
      return ok.every((h) => h?.health === 'true');
    },
    30_000,
  );
  console.log(`etcd: 3 members healthy (${state.etcd.map((e) => e.clientUrl).join(', ')})`);
  const endpoints = state.etcd.map((e) => e.clientUrl).join(',');
  // one gossip key ring for the three daemons (gossip is always encrypted)
  const keyFile = join(dir, 'gossip.key');
  writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  for (const [i, p] of apiPorts.entries()) {
    const name = `node-${i + 1}`;
    const data = join(dir, name);
    mkdirSync(data, { recursive: true });
    const log = join(dir, 'logs', `${name}.log`);
    const pid = start(
      process.execPath,
      [
        '--import', 'tsx', join(root, 'src/daemon/main.ts'),
        '--name', name, '--data-dir', data, '--store', 'etcd', '--etcd-endpoints', endpoints,
        '--listen', `127.0.0.1:${p.api}`, '--gossip-bind', `127.0.0.1:${p.gossip}`,
        '--join', apiPorts.filter((_, j) => j !== i).map((q) => `127.0.0.1:${q.gossip}`).join(','),
        '--gossip-key', keyFile,
        '--labels', `cluster=local,index=${i + 1}`,
      ],
      log,
    );
    state.daemons.push({ name, pid, marker: data, log, api: `127.0.0.1:${p.api}`, gossip: `127.0.0.1:${p.gossip}` });
    save();
  }
  await waitFor('flotillad', async () => (await Promise.all(state.daemons.map((d) => probe(d.api)))).every(Boolean), 60_000).catch((err: Error) => {
    throw new Error(`${err.message}; see the logs in ${join(dir, 'logs')}`);
  });
  console.log('flotillad: 3 daemons ready\n');
  status(state);
}

/** true once the daemon answers ClusterService.Info */
async function probe(address: string): Promise<boolean> {
  const { Client } = await import('../cli/client.js');
  const c = new Client(address, 1_000);
  try {
    await c.call('ClusterService', 'Info', {});
    return true;
  } catch {
    return false;
  } finally {
    c.close();
  }
}

function status(state = readState()): void {
  if (!state) {
    console.log('no cluster state; start one with `npm run cluster`');
    return;
  }
  for (const e of state.etcd) console.log(`${e.name.padEnd(8)} pid ${String(e.pid).padEnd(8)} ${isOurs(e) ? 'running' : 'stopped'}   ${e.clientUrl}`);
  for (const d of state.daemons) console.log(`${d.name.padEnd(8)} pid ${String(d.pid).padEnd(8)} ${isOurs(d) ? 'running' : 'stopped'}   api ${d.api}   log ${d.log}`);
  console.log('\npoint flotctl at any daemon:');
  for (const d of state.daemons) console.log(`  npx flotctl --server ${d.api} nodes`);
  console.log(`  (or export FLOTILLA_SERVER=${state.daemons[0]?.api})\nstop everything: npm run cluster -- down`);
}

async function down(): Promise<void> {
  const state = readState();
  if (!state) {
    console.log('nothing to stop (no cluster state)');
    return;
  }
  const procs = [...state.daemons, ...state.etcd];
  for (const p of state.daemons.filter(isOurs)) process.kill(p.pid, 'SIGTERM');
  await waitFor('daemons to stop', async () => !state.daemons.some(isOurs), 15_000).catch(() => undefined);
  for (const p of state.etcd.filter(isOurs)) process.kill(p.pid, 'SIGTERM');
  await waitFor('etcd to stop', async () => !state.etcd.some(isOurs), 10_000).catch(() => undefined);
  for (const p of procs.filter(isOurs)) {
    console.log(`${p.name} (pid ${p.pid}) did not stop; killing it`);
    process.kill(p.pid, 'SIGKILL');
  }
  for (const p of procs) console.log(`stopped ${p.name} (pid ${p.pid})`);
  for (const p of procs) rmSync(p.marker, { recursive: true, force: true });
  rmSync(statePath, { force: true });
  console.log(`data removed; logs kept in ${join(dir, 'logs')}`);
}

try {
  if (action === 'up') await up();
  else if (action === 'down') await down();
  else if (action === 'status') status();
  else {
    console.error(`unknown action '${action}' (up, down, status)`);
    process.exitCode = 2;
  }
} catch (err) {
  console.error(`cluster: ${(err as Error).message}`);
  process.exitCode = 1;
  // a failed start leaves nothing running
  if (action === 'up' && readState()) await down().catch(() => undefined);
}
