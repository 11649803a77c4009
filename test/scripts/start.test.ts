// The quick start (`npm start`): it starts a single-node daemon on the
// embedded store, applies and runs the hello TaskBook with progress, stays
// up, and Ctrl-C — SIGINT to the whole foreground process group, as a
// terminal sends it — drains the daemon (one signal reaches it, not two) and
// ends everything. Moved off the default port and data dir with the daemon's
// own environment settings.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { REPO } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/ports.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-start-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('npm start runs hello on a fresh daemon, stays up, and Ctrl-C drains it', async () => {
  const api = `127.0.0.1:${await freePort()}`;
  const child = spawn('npm', ['start', '--silent'], {
    cwd: REPO,
    // its own process group, standing in for the terminal's foreground group
    detached: true,
    env: { ...process.env, FLOTILLA_DATA_DIR: dir, FLOTILLA_API_LISTEN: api, FLOTILLA_GOSSIP_BIND: '127.0.0.1:0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    await assertEventually(() => assert.ok(out.includes('press Ctrl-C to stop it'), `output so far:\n${out}`), { timeoutMs: 180_000, intervalMs: 200 });
    assert.match(out, new RegExp(`flotillad is up on ${api.replaceAll('.', '\\.')}`));
    assert.match(out, /taskbook\/hello (created|configured|unchanged)/);
    assert.match(out, /run default\/hello-\S+\s+Succeeded/, out);

    process.kill(-child.pid!, 'SIGINT');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000))]);
    assert.notEqual(code, 'hung', `npm start did not end after Ctrl-C:\n${out}`);
    const log = await readFile(join(dir, 'flotillad.log'), 'utf8');
    const msgs = log
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    assert.ok(msgs.includes('draining') && msgs.at(-1) === 'stopped', `the daemon drained and stopped: ${msgs.slice(-8).join(' | ')}`);
    assert.ok(!msgs.some((m) => m.startsWith('second signal')), `one signal reached the daemon: ${msgs.slice(-8).join(' | ')}`);
  } finally {
    // the daemon runs in a session of its own (setsid): kill it by the pid file the script wrote
    const pid = Number(await readFile(join(dir, 'flotillad.pid'), 'utf8').catch(() => ''));
    for (const target of [-child.pid!, pid]) {
      try {
        if (target) process.kill(target, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
});
