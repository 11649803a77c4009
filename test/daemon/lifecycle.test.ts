// flotillad as a process: clean drain on SIGTERM, clear startup errors
// instead of stack traces, and state that survives kill -9.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openEmbeddedStore } from '../../src/store/embedded/index.js';
import { PRESENCE_PREFIX } from '../../src/store/index.js';
import { Client, apply, get } from '../helpers/api.js';
import { REPO, spawnDaemon } from '../helpers/daemon.js';

/** runs flotillad to completion (gossip on a free port unless args say otherwise) and returns its exit code and stderr */
async function runDaemon(args: string[], timeoutMs = 30_000): Promise<{ code: number | string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/daemon/main.ts'), '--gossip-bind', '127.0.0.1:0', ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | string>((r) => child.once('exit', (c, s) => r(c ?? s ?? -1)));
  clearTimeout(timer);
  return { code, stderr };
}

const tb = (name: string) => ({
  apiVersion: 'flotilla/v1alpha1',
  kind: 'TaskBook',
  metadata: { name, namespace: 'default' },
  spec: { targets: { nodes: ['x'] }, steps: [{ command: { cmd: 'true' } }] },
});

describe('flotillad process', () => {
  it('drains on SIGTERM, exits 0 and removes its presence', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-term-'));
    try {
      const p = await spawnDaemon([], { name: 'term', dataDir });
      p.kill('SIGTERM');
      assert.equal(await p.exited, 0, p.logs.join('\n'));
      const msgs = p.logs.filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg: string }).msg);
      assert.deepEqual(p.logs.filter((l) => !l.startsWith('{')), [], 'nothing but JSON log lines on stderr');
      for (const m of ['draining', 'api stopped', 'leadership ended', 'stopped']) assert.ok(msgs.includes(m), `logged '${m}'`);
      assert.ok(msgs.indexOf('api stopped') < msgs.indexOf('leadership ended'), 'the API stops before leadership is handed back');
      await using store = await openEmbeddedStore({ dataDir: join(dataDir, 'store') });
      assert.equal((await store.list(PRESENCE_PREFIX)).items.length, 0, 'presence revoked');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps every acknowledged object across kill -9 and restarts on the same data dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-k9-'));
    try {
      const p = await spawnDaemon([], { name: 'k9', dataDir });
      const c = new Client(p.address);
      for (let i = 0; i < 20; i++) await apply(c, tb(`k9-${i}`));
      c.close();
      p.kill('SIGKILL');
      await p.exited;
      const q = await spawnDaemon([], { name: 'k9', dataDir });
      const c2 = new Client(q.address);
      for (let i = 0; i < 20; i++) assert.equal((await get(c2, 'TaskBook', `k9-${i}`, 'default')).metadata.name, `k9-${i}`);
      c2.close();
      q.kill('SIGTERM');
      assert.equal(await q.exited, 0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a data dir another daemon holds', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-lock-'));
    try {
      await using p = await spawnDaemon([], { name: 'first', dataDir });
      const r = await runDaemon(['--name', 'second', '--data-dir', dataDir, '--listen', '127.0.0.1:0']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^flotillad: cannot open the embedded store: .*(lock|in use|held)/im);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      void p;
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('says so when the API port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-port-'));
    try {
      const r = await runDaemon(['--name', 'port', '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`^flotillad: cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use`, 'm'));
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    } finally {
      blocker.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('says so when the gossip port is taken or the gossip key file is bad', async () => {
    const blocker = createSocket('udp4');
    await new Promise<void>((r) => blocker.bind(0, '127.0.0.1', r));
    const port = blocker.address().port;
    const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-gossip-'));
    try {
      const taken = await runDaemon(['--name', 'gossip', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--gossip-bind', `127.0.0.1:${port}`]);
      assert.equal(taken.code, 1);
      assert.match(taken.stderr, new RegExp(`^flotillad: cannot start gossip: cannot bind gossip UDP 127\\.0\\.0\\.1:${port}: EADDRINUSE`, 'm'));
      const keyFile = join(dataDir, 'bad.key');
      await writeFile(keyFile, 'not a key\n');
      const bad = await runDaemon(['--name', 'gossip', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--gossip-key', keyFile]);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /^flotillad: cannot start gossip: .*bad\.key:1: not a base64 key$/m);
      assert.doesNotMatch(`${taken.stderr}${bad.stderr}`, /\n\s+at /);
    } finally {
      blocker.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('says which etcd it cannot reach', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-noetcd-'));
    try {
      const r = await runDaemon(['--name', 'lonely', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--store', 'etcd', '--etcd-endpoints', 'http://127.0.0.1:9']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^flotillad: cannot open the etcd store: .*127\.0\.0\.1:9/m);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('exits 2 with the field and source on bad configuration', async () => {
    const r = await runDaemon(['--name', 'Bad_Name', '--listen', '0.0.0.0:7400', '--data-dir', '/tmp/none']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /name: 'Bad_Name' must be a lower-case DNS label/);
    assert.match(r.stderr, /api\.listen: '0\.0\.0\.0:7400' is not a loopback address: serving beyond this host requires mTLS/);
    const flag = await runDaemon(['--no-such-flag']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /no-such-flag/);
    const etcd = await runDaemon(['--store', 'etcd']);
    assert.equal(etcd.code, 2);
    assert.match(etcd.stderr, /store\.etcd\.endpoints: the etcd backend needs at least one endpoint/);
  });

  it('prints help and version', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/daemon/main.ts'), '--help'], { cwd: REPO });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    assert.equal(await new Promise((r) => child.once('exit', r)), 0);
    assert.match(out, /--etcd-endpoints/);
    assert.match(out, /FLOTILLA_STORE_ETCD_ENDPOINTS/);
    const v = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/daemon/main.ts'), '--version'], { cwd: REPO });
    let version = '';
    v.stdout.setEncoding('utf8').on('data', (d: string) => (version += d));
    assert.equal(await new Promise((r) => v.once('exit', r)), 0);
    const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.match(version, new RegExp(`\\b${pkg.version.replaceAll('.', '\\.')}\\b`));
  });
});
