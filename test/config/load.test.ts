import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InvalidArgumentError } from '../../src/errors.js';
import { UsageError, envName, loadConfig } from '../../src/config/load.js';
import { FIELDS, defaultNodeName } from '../../src/config/schema.js';

let dir: string;
before(async () => (dir = await mkdtemp(join(tmpdir(), 'flotilla-config-'))));
after(async () => rm(dir, { recursive: true, force: true }));

const load = (argv: string[], env: Record<string, string> = {}) => {
  const r = loadConfig({ argv, env, hostName: 'web-01.example.com' });
  if (r.kind !== 'config') throw new Error(`expected a config, got ${r.kind}`);
  return r.config;
};

describe('loadConfig', () => {
  it('uses defaults: embedded store, loopback API, host name label', () => {
    const c = load([]);
    assert.equal(c.name, 'web-01');
    assert.equal(c.store.backend, 'embedded');
    assert.equal(c.api.listen, '127.0.0.1:7400');
    assert.equal(c.drainTimeoutMs, 30_000);
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.store.etcd));
  });

  it('layers file < env < flags and converts durations to ms', async () => {
    const f = join(dir, 'a.yaml');
    await writeFile(f, 'name: from-file\nlogLevel: debug\ndrainTimeout: 45s\nnode:\n  factsRefreshInterval: 2m\nstore:\n  backend: etcd\n  etcd:\n    endpoints: [http://127.0.0.1:2379]\nlabels: {zone: a}\n');
    const c = load(['--config', f, '--log-level', 'warn'], { FLOTILLA_NAME: 'from-env' });
    assert.equal(c.name, 'from-env');
    assert.equal(c.logLevel, 'warn');
    assert.equal(c.drainTimeoutMs, 45_000);
    assert.equal(c.node.factsRefreshIntervalMs, 120_000);
    assert.deepEqual(c.store.etcd.endpoints, ['http://127.0.0.1:2379']);
    assert.deepEqual(c.labels, { zone: 'a' });
    assert.equal(load(['--config', f, '--name', 'from-flag']).name, 'from-flag');
  });

  it('makes a relative data dir absolute (children such as git run in other directories)', () => {
    assert.equal(load(['--data-dir', '.data']).dataDir, join(process.cwd(), '.data'));
    assert.equal(load(['--data-dir', '/var/lib/x']).dataDir, '/var/lib/x');
  });

  it('parses list and label flags', () => {
    const c = load(['--store', 'etcd', '--etcd-endpoints', 'http://127.0.0.1:1,http://127.0.0.1:2', '--labels', 'a=1,b=two', '--join', '127.0.0.1:7401,127.0.0.1:7411']);
    assert.deepEqual(c.store.etcd.endpoints, ['http://127.0.0.1:1', 'http://127.0.0.1:2']);
    assert.deepEqual(c.labels, { a: '1', b: 'two' });
    assert.deepEqual(c.gossip.join, ['127.0.0.1:7401', '127.0.0.1:7411']);
  });

  it('names the field and the source of every bad value', async () => {
    const f = join(dir, 'bad.yaml');
    await writeFile(f, 'drainTimeout: soon\ncolour: red\nstore: {backend: mongo}\n');
    assert.throws(
      () => load(['--config', f], { FLOTILLA_NODE_LEASE_TTL_SECONDS: '-1' }),
      (e: InvalidArgumentError) => {
        const text = e.message;
        assert.match(text, /drainTimeout: 'soon' is not a duration .* \(from .*bad\.yaml\)/);
        assert.match(text, /colour: unknown setting 'colour'/);
        assert.match(text, /store\.backend: must be one of embedded, etcd, got 'mongo'/);
        assert.match(text, /node\.leaseTtlSeconds: '-1' must be a positive integer \(from environment FLOTILLA_NODE_LEASE_TTL_SECONDS\)/);
        return true;
      },
    );
  });

  it('refuses a non-loopback API without mTLS and accepts it with', () => {
    assert.throws(() => load(['--listen', '10.0.0.5:7400']), /requires mTLS/);
    const c = load(['--listen', '10.0.0.5:7400', '--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--tls-ca', 'ca.pem']);
    assert.equal(c.api.listen, '10.0.0.5:7400');
  });

  it('refuses bad etcd endpoints, names and labels', () => {
    assert.throws(() => load(['--store', 'etcd', '--etcd-endpoints', 'localhost:2379']), /store\.etcd\.endpoints\[0\]/);
    assert.throws(() => load(['--name', 'a.b']), /lower-case DNS label/);
    assert.throws(() => load(['--labels', 'bad key=1']), /label key 'bad key'/);
  });

  it('treats unknown flags as usage errors', () => {
    assert.throws(() => load(['--nope']), UsageError);
  });

  it('gives every flag an environment variable', () => {
    assert.equal(envName(FIELDS.find((f) => f.path === 'store.etcd.endpoints')!), 'FLOTILLA_STORE_ETCD_ENDPOINTS');
    assert.equal(envName(FIELDS.find((f) => f.path === 'drainTimeoutMs')!), 'FLOTILLA_DRAIN_TIMEOUT');
    assert.equal(new Set(FIELDS.map(envName)).size, FIELDS.length);
  });

  it('derives a DNS label from any host name', () => {
    assert.equal(defaultNodeName('Web_01.prod.example'), 'web-01');
    assert.equal(defaultNodeName('---'), 'node');
  });
});
