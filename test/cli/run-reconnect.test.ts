// `flotctl run --wait` across a daemon restart: the daemon (a process, on a
// fixed port, embedded store) is stopped while a step runs and started again
// on the same data dir; flotctl says it lost the watch, reconnects, and exits
// 0 when the resumed run succeeds. Without a daemon it gives up after its
// reconnect window (not waited for here: see RECONNECT_MS in cli/commands/run.ts).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { Client, apply } from '../helpers/api.js';
import { runCli, spawnDaemon, type DaemonProcess } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/ports.js';

let dir: string;
let daemon: DaemonProcess | undefined;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-reconnect-'));
});
after(async () => {
  await daemon?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

it('keeps waiting through a daemon restart and exits 0 when the run succeeds', async () => {
  const port = await freePort();
  const dataDir = join(dir, 'data');
  const started = join(dir, 'started');
  const done = join(dir, 'done');
  const start = () => spawnDaemon(['--listen', `127.0.0.1:${port}`, '--lease-ttl', '2'], { name: 'reconnect', dataDir });
  daemon = await start();
  const c = new Client(daemon.address, 10_000);
  await apply(c, {
    apiVersion: 'flotilla/v1alpha1',
    kind: 'TaskBook',
    metadata: { name: 'slow', namespace: 'default' },
    spec: {
      targets: { nodes: ['reconnect'] },
      steps: [
        { name: 'slow', command: { cmd: `touch ${started}; sleep 2`, creates: done } },
        { name: 'mark', command: { cmd: `touch ${done}` } },
      ],
    },
  });
  c.close();
  const waiting = runCli(['--server', `127.0.0.1:${port}`, 'run', 'slow', '--wait']);
  await assertEventually(() => assert.ok(existsSync(started), 'the slow step started'), { timeoutMs: 20_000 });
  daemon.kill('SIGTERM');
  await daemon.exited;
  daemon = await start();
  const r = await waiting;
  assert.equal(r.code, 0, `flotctl exit code\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /lost the watch on flotillad at 127\.0\.0\.1:\d+; reconnecting/);
  assert.match(r.stdout, /Succeeded/);
  assert.ok(existsSync(done), 'the step after the restart ran');
});
