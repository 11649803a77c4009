// Gossip members as separate processes (src/failure-detector/standalone.ts),
// for multi-process tests and the gossip benchmark: start one, read the
// transitions it reports, ask for its counters, kill it. Each member records
// every event line with the time the member itself stamped.

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface MemberTransition {
  readonly t: number;
  readonly member: string;
  readonly state: 'alive' | 'suspect' | 'dead' | 'left';
  readonly previous: string | null;
}

export interface MemberStats {
  readonly detector: Record<string, number>;
  readonly transport: Record<string, number>;
  readonly keyring: { readonly keys: number; readonly primary: string };
}

export interface MemberProcess {
  readonly name: string;
  readonly pid: number;
  readonly address: string;
  readonly events: MemberTransition[];
  /** what this member holds each other member as, by its last event */
  view(): Map<string, MemberTransition['state']>;
  stats(): Promise<MemberStats>;
  kill(signal?: NodeJS.Signals): void;
  readonly exited: Promise<number | null>;
}

const ROOT = join(import.meta.dirname, '../..');
/** how tests start a member: the TypeScript source through tsx */
export const TSX_MEMBER = [process.execPath, '--import', 'tsx', join(ROOT, 'src/failure-detector/standalone.ts')];
/** how the benchmark starts one: the build in dist/ (npm run build) */
export const DIST_MEMBER = [process.execPath, join(ROOT, 'dist/src/failure-detector/standalone.js')];

export async function startMember(opts: {
  name: string;
  keyFile: string;
  tuning: object;
  bind?: string;
  join?: readonly string[];
  command?: readonly string[];
  /** argv prefix, e.g. ['ip', 'netns', 'exec', ns] */
  wrap?: readonly string[];
  readyTimeoutMs?: number;
  checkIntervalMs?: number;
}): Promise<MemberProcess> {
  const cmd = [...(opts.wrap ?? []), ...(opts.command ?? TSX_MEMBER)];
  const args = [...cmd.slice(1), '--name', opts.name, '--key-file', opts.keyFile, '--tuning', JSON.stringify(opts.tuning), '--bind', opts.bind ?? '127.0.0.1:0'];
  if (opts.join?.length) args.push('--join', opts.join.join(','));
  if (opts.checkIntervalMs !== undefined) args.push('--check-interval-ms', String(opts.checkIntervalMs));
  const child: ChildProcess = spawn(cmd[0], args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: ROOT });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const events: MemberTransition[] = [];
  const statsWaiters: ((s: MemberStats) => void)[] = [];
  let ready!: (address: string) => void;
  const readyP = new Promise<string>((r) => (ready = r));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let o: { ready?: { address: string }; stats?: MemberStats } & Partial<MemberTransition>;
    try {
      o = JSON.parse(line) as typeof o;
    } catch {
      return;
    }
    if (o.ready) ready(o.ready.address);
    else if (o.stats) statsWaiters.shift()?.(o.stats);
    else if (o.member) events.push(o as MemberTransition);
  });
  const timeoutMs = opts.readyTimeoutMs ?? 20_000;
  let timer: NodeJS.Timeout | undefined;
  const address = await Promise.race([
    readyP,
    exited.then((code) => {
      throw new Error(`gossip member ${opts.name} exited with ${code} before it was ready: ${stderr}`);
    }),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`gossip member ${opts.name} not ready after ${timeoutMs} ms: ${stderr}`)), timeoutMs))),
  ]).finally(() => clearTimeout(timer));
  return {
    name: opts.name,
    pid: child.pid!,
    address,
    events,
    view() {
      const m = new Map<string, MemberTransition['state']>();
      for (const e of events) m.set(e.member, e.state);
      return m;
    },
    stats() {
      return new Promise((resolve) => {
        statsWaiters.push(resolve);
        child.stdin!.write('stats\n');
      });
    },
    kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
  };
}

/** kills every member still running and waits for them */
export async function stopMembers(members: readonly MemberProcess[], signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  for (const m of members) m.kill(signal);
  await Promise.all(members.map((m) => m.exited));
}
