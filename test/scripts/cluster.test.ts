// `npm run cluster` starts three etcd members and three daemons that form one
// fleet, and `down` stops exactly the processes it started.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { it } from 'node:test';
import type { ClusterInfo } from '../../src/api/index.js';
import { Client } from '../helpers/api.js';
import { REPO } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';

const run = promisify(execFile);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

it('starts a three-server fleet and stops exactly what it started', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-cluster-'));
  const args = ['--import', 'tsx', join(REPO, 'scripts/cluster.ts')];
  // fixed port ranges below Linux's ephemeral range (32768-60999), where the
  // outgoing connections of tests running alongside take their ports; a range
  // that is taken anyway is refused by the script, and another one is tried
  let base = 0;
  let opts: string[] = [];
  let up: { stdout: string } | undefined;
  try {
    for (let attempt = 0; up === undefined; attempt++) {
      base = 20_000 + Math.floor(Math.random() * 12_000);
      opts = ['--dir', dir, '--base-port', String(base), '--etcd-base-port', String(base + 100)];
      try {
        up = await run(process.execPath, [...args, 'up', ...opts], { cwd: REPO, timeout: 120_000 });
      } catch (err) {
        if (attempt >= 4 || !/is in use; pick other ports/.test(String((err as { stderr?: string }).stderr))) throw err;
      }
    }
    assert.match(up.stdout, /3 members healthy/);
    assert.match(up.stdout, new RegExp(`flotctl --server 127\\.0\\.0\\.1:${base + 10} nodes`));
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { etcd: { pid: number }[]; daemons: { pid: number; api: string }[] };
    const pids = [...state.etcd, ...state.daemons].map((p) => p.pid);
    assert.equal(pids.length, 6);
    for (const d of state.daemons) {
      const c = new Client(d.api, 10_000);
      await assertEventually(async () => {
        const info = await c.call<ClusterInfo>('ClusterService', 'Info', {});
        assert.deepEqual([...info.present_nodes].sort(), ['node-1', 'node-2', 'node-3']);
        assert.ok(info.leader.startsWith('node-'), `leader '${info.leader}'`);
      }, { timeoutMs: 20_000 });
      c.close();
    }
    const again = await run(process.execPath, [...args, 'up', ...opts], { cwd: REPO, timeout: 60_000 });
    assert.match(again.stdout, /already running/);
    const down = await run(process.execPath, [...args, 'down', ...opts], { cwd: REPO, timeout: 60_000 });
    assert.equal((down.stdout.match(/^stopped /gm) ?? []).length, 6);
    for (const pid of pids) assert.equal(alive(pid), false, `pid ${pid} stopped`);
    assert.equal(existsSync(join(dir, 'state.json')), false);
  } finally {
    await run(process.execPath, [...args, 'down', ...opts], { cwd: REPO }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});
