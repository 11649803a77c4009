// Control-plane figures, both backends in one run, against the compiled
// daemon (bin/flotillad.js, as installed):
//   - time from process start to ready (API serving, Node registered)
//   - Get latency p50/p99 (sequential, one client)
//   - Apply throughput with 1 and 16 concurrent clients (each a spec change)
//   - watch delivery latency from Apply on one daemon to a watch on each of
//     3 daemons (etcd: three daemons; embedded: three watchers on the one
//     daemon, since the embedded store is single-node)
//   - idle RSS and idle CPU after the load
// etcd: a three-member cluster with fsync on (no --unsafe-no-fsync), default raft timings.
//
//   npm run bench -- api [--gets 2000] [--applies 400] [--watch 200] [--idle 10]

import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Client, type WatchEventMessage } from '../cli/client.js';
import * as grpc from '@grpc/grpc-js';
import { serviceClient, toProto } from '../src/api/index.js';
import type { ResourceObject } from '../src/resources/index.js';
import { startEtcdCluster, type EtcdCluster } from '../test/helpers/etcd.js';
import { cpuSeconds, ms, rssBytes, summary } from './lib/stats.js';

const REPO = resolve(import.meta.dirname, '..');

interface Daemon {
  child: ChildProcess;
  address: string;
  readyMs: number;
  dataDir: string;
}

async function startDaemon(name: string, args: string[]): Promise<Daemon> {
  const dataDir = await mkdtemp(join(tmpdir(), `bench-${name}-`));
  const t0 = performance.now();
  const child = spawn(join(REPO, 'bin/flotillad.js'), ['--name', name, '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--gossip-bind', '127.0.0.1:0', '--log-level', 'info', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const address = await new Promise<string>((res, rej) => {
    const lines: string[] = [];
    createInterface({ input: child.stderr }).on('line', (l) => {
      lines.push(l);
      try {
        const r = JSON.parse(l) as { msg?: string; api?: string };
        if (r.msg === 'ready' && r.api) res(r.api);
      } catch {
        // not JSON
      }
    });
    child.once('exit', (c) => rej(new Error(`${name} exited ${c}: ${lines.join('\n')}`)));
  });
  return { child, address, readyMs: performance.now() - t0, dataDir };
}

async function stopDaemon(d: Daemon): Promise<void> {
  d.child.kill('SIGTERM');
  await new Promise((r) => d.child.once('exit', r));
  await rm(d.dataDir, { recursive: true, force: true });
}

const tb = (name: string, i = 0): ResourceObject => ({
  apiVersion: 'flotilla/v1alpha1',
  kind: 'TaskBook',
  metadata: { name, namespace: 'default' },
  spec: { targets: { nodes: ['n'] }, vars: { i }, steps: [{ name: 'x', command: { cmd: 'true' } }] },
});

/** each Client has its own HTTP/2 connection, as a separate process would */
function client(address: string): Client {
  return new Client(address, 30_000);
}

async function measure(backend: 'embedded' | 'etcd', opts: { gets: number; applies: number; watch: number; idleS: number }, etcd?: EtcdCluster) {
  const extra = backend === 'etcd' ? ['--store', 'etcd', '--etcd-endpoints', etcd!.endpoints.join(',')] : [];
  const daemons: Daemon[] = [await startDaemon('bench-a', extra)];
  if (backend === 'etcd') daemons.push(await startDaemon('bench-b', extra), await startDaemon('bench-c', extra));
  const a = client(daemons[0].address);
  try {
    await new Promise((r) => setTimeout(r, 3_000));
    const startRssMb = rssBytes(daemons[0].child.pid!) / 2 ** 20;
    await a.call('TaskBookService', 'Apply', { object: toProto(tb('get-me')) });
    for (let i = 0; i < 200; i++) await a.call('TaskBookService', 'Get', { name: 'get-me', namespace: 'default' });
    const gets: number[] = [];
    for (let i = 0; i < opts.gets; i++) {
      const t = performance.now();
      await a.call('TaskBookService', 'Get', { name: 'get-me', namespace: 'default' });
      gets.push(performance.now() - t);
    }

    // requests are serialized before timing and replies are not decoded, so the
    // figure is the daemon's, not this one load-generating process's protobuf work
    const serialize = serviceClient('TaskBookService').service.Apply.requestSerialize;
    const applyRate = async (clients: number): Promise<number> => {
      const per = Math.ceil(opts.applies / clients) * (clients > 1 ? 2 : 1);
      const raws = Array.from({ length: clients }, () => new grpc.Client(daemons[0].address, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 }));
      const bodies = raws.map((_, k) => Array.from({ length: per + 1 }, (_, i) => serialize({ object: toProto(tb(`apply-${clients}-${k}`, i)) })));
      const call = (c: grpc.Client, body: Buffer) =>
        new Promise<void>((res, rej) =>
          c.makeUnaryRequest('/flotilla.v1alpha1.TaskBookService/Apply', (b: Buffer) => b, (b: Buffer) => b, body, (err) => (err ? rej(err) : res())),
        );
      await Promise.all(raws.map((c, k) => call(c, bodies[k][0])));
      const t = performance.now();
      await Promise.all(raws.map(async (c, k) => {
        for (let i = 1; i <= per; i++) await call(c, bodies[k][i]);
      }));
      const s = (performance.now() - t) / 1000;
      for (const c of raws) c.close();
      return (per * clients) / s;
    };
    const apply1 = await applyRate(1);
    const apply16 = await applyRate(16);

    // watch delivery: one watcher per daemon (etcd) or three on the one daemon (embedded)
    const watchAddrs = backend === 'etcd' ? daemons.map((d) => d.address) : [0, 1, 2].map(() => daemons[0].address);
    const watchers = watchAddrs.map((addr) => client(addr));
    const ac = new AbortController();
    const sent = new Map<string, number>();
    const delays: number[][] = watchers.map(() => []);
    const expected = opts.watch;
    const done = watchers.map(
      (w, idx) =>
        new Promise<void>((res) => {
          void (async () => {
            const rv = (await w.call<{ resource_version: string }>('TaskBookService', 'List', { namespace: 'default', label_selector: 'bench=watch', limit: 1 })).resource_version;
            for await (const ev of w.stream<WatchEventMessage>('TaskBookService', 'Watch', { namespace: 'default', label_selector: 'bench=watch', resource_version: rv, bookmark_interval_seconds: 0 }, ac.signal)) {
              const name = ev.object?.metadata?.name;
              const t = name ? sent.get(name) : undefined;
              if (t !== undefined) delays[idx].push(performance.now() - t);
              if (delays[idx].length >= expected) return res();
            }
          })();
        }),
    );
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < expected; i++) {
      const name = `watch-${i}`;
      const obj = { ...tb(name), metadata: { name, namespace: 'default', labels: { bench: 'watch' } } };
      sent.set(name, performance.now());
      await a.call('TaskBookService', 'Apply', { object: toProto(obj) });
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.race([Promise.all(done), new Promise((r) => setTimeout(r, 30_000))]);
    ac.abort();
    for (const w of watchers) w.close();
    const watchAll = summary(delays.flat());

    // idle: let the load settle, then measure RSS and CPU over the idle window
    await new Promise((r) => setTimeout(r, 2_000));
    const pid = daemons[0].child.pid!;
    const cpu0 = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, opts.idleS * 1000));
    const idleCpuPct = ((cpuSeconds(pid) - cpu0) / opts.idleS) * 100;
    const rss = rssBytes(pid);
    return {
      backend,
      readyMs: daemons[0].readyMs,
      get: summary(gets),
      apply1,
      apply16,
      watch: watchAll,
      watchPerDaemon: delays.map((d) => summary(d).p50),
      startRssMb,
      idleRssMb: rss / 2 ** 20,
      idleCpuPct,
    };
  } finally {
    a.close();
    for (const d of daemons) await stopDaemon(d);
  }
}

export async function runApiBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { gets: { type: 'string' }, applies: { type: 'string' }, watch: { type: 'string' }, idle: { type: 'string' } } });
  const opts = { gets: Number(values.gets ?? 2000), applies: Number(values.applies ?? 400), watch: Number(values.watch ?? 200), idleS: Number(values.idle ?? 10) };
  console.log('== building (tsc) so the daemon runs as installed');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  const results = [];
  console.log('== embedded store');
  results.push(await measure('embedded', opts));
  console.log('== etcd (3 members, fsync on)');
  // production-like: fsync on, default raft timings, etcd's default progress-notify interval
  const etcd = await startEtcdCluster(3, { fsync: true, fastRaft: false, progressNotifyInterval: '10m' });
  try {
    results.push(await measure('etcd', opts, etcd));
  } finally {
    await etcd[Symbol.asyncDispose]();
  }
  const rows = results.map((r) => [
    r.backend,
    `${ms(r.readyMs)} ms`,
    `${ms(r.get.p50)} / ${ms(r.get.p99)} ms`,
    `${Math.round(r.apply1)}/s`,
    `${Math.round(r.apply16)}/s`,
    `${ms(r.watch.p50)} / ${ms(r.watch.p99)} ms`,
    `${r.startRssMb.toFixed(0)} / ${r.idleRssMb.toFixed(0)} MB`,
    `${r.idleCpuPct.toFixed(2)} %`,
  ]);
  const headers = ['backend', 'start→ready', 'Get p50/p99', 'Apply 1 client', 'Apply 16 clients', 'watch p50/p99 (3 daemons)', 'RSS idle: fresh / after load', 'idle CPU'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log(`\n${[headers, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n')}`);
  console.log(`\n(${opts.gets} gets, ~${opts.applies} applies per client setting, ${opts.watch} watched applies, ${opts.idleS} s idle; ${new Date().toISOString()}, node ${process.version})`);
  mkdirSync(join(REPO, 'bench/results'), { recursive: true });
  for (const r of results) appendFileSync(join(REPO, 'bench/results/api.jsonl'), `${JSON.stringify({ ts: new Date().toISOString(), ...r })}\n`);
}
