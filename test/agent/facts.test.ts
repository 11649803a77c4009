// Facts: gathered from fixture sources (os-release, a mounts table, /proc/1,
// bin dirs) and from this machine; and the NodeRegistrar on a real embedded
// store with a fake clock: facts land in Node.status at start, a refresh
// writes only what changed (nothing when nothing did), and a Node deleted
// while the daemon runs is registered again.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gatherFacts, type Facts } from '../../src/agent/facts.js';
import { NodeRegistrar } from '../../src/agent/node-registrar.js';
import { silentLogger } from '../../src/log.js';
import type { ObjectServer } from '../../src/server/index.js';
import { assertEventually } from '../helpers/eventually.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startObjects, type TestObjects } from '../helpers/objects.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'flotilla-facts-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('gatherFacts', () => {
  it('reads the distribution, storage mounts, package manager and init system from their sources', async () => {
    const root = join(dir, 'fixture');
    await mkdir(join(root, 'proc1'), { recursive: true });
    await mkdir(join(root, 'bin'), { recursive: true });
    await mkdir(join(root, 'mnt space'), { recursive: true });
    await writeFile(join(root, 'os-release'), 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=40\nVERSION_CODENAME=""\n');
    await writeFile(
      join(root, 'mounts'),
      [
        'proc /proc proc rw 0 0',
        `/dev/sda1 ${join(root, 'mnt\\040space')} ext4 rw 0 0`,
        `/dev/sda1 ${join(root, 'mnt\\040space')} ext4 rw 0 0`,
        'tmpfs /nowhere/at/all tmpfs rw 0 0',
        'sysfs /sys sysfs rw 0 0',
      ].join('\n'),
    );
    await writeFile(join(root, 'proc1', 'comm'), 'openrc-init\n');
    await writeFile(join(root, 'bin', 'dnf'), '');
    const f = await gatherFacts({ osRelease: join(root, 'os-release'), mounts: join(root, 'mounts'), proc1: join(root, 'proc1'), binDirs: [join(root, 'bin')] });
    assert.equal(f.distribution, 'fedora');
    assert.equal(f.distributionVersion, '40');
    assert.equal(f.distributionCodename, undefined, 'an empty value is no fact');
    assert.equal(f.packageManager, 'dnf');
    assert.equal(f.initSystem, 'openrc');
    // pseudo file systems are left out, octal escapes decoded, duplicates dropped; a mount that cannot be stat'ed has no sizes
    assert.deepEqual(
      f.mounts.map((m) => [m.mountpoint, m.fstype, typeof m.sizeBytes]),
      [
        [join(root, 'mnt space'), 'ext4', 'number'],
        ['/nowhere/at/all', 'tmpfs', 'undefined'],
      ],
    );
  });

  it('gives absent facts, not errors, when sources are missing', async () => {
    const none = join(dir, 'missing');
    const f = await gatherFacts({ osRelease: none, mounts: none, proc1: none, binDirs: [none] });
    assert.equal(f.distribution, undefined);
    assert.equal(f.packageManager, undefined);
    assert.equal(f.initSystem, undefined);
    assert.deepEqual(f.mounts, []);
  });

  it('reads this machine', async () => {
    const f = await gatherFacts();
    assert.equal(f.os, 'linux');
    assert.equal(f.kernel, os.release());
    assert.equal(f.arch, os.arch());
    assert.equal(f.hostname, os.hostname());
    assert.equal(f.cpus, os.availableParallelism());
    assert.equal(f.memoryBytes, os.totalmem());
    assert.ok(f.mounts.some((m) => m.mountpoint === '/' && (m.sizeBytes ?? 0) > 0), `mounts: ${JSON.stringify(f.mounts)}`);
    assert.ok(f.interfaces.every((i) => i.name !== 'lo'), 'loopback is not listed');
  });
});

describe('NodeRegistrar', () => {
  let env: TestObjects;
  let objects: ObjectServer;
  before(async () => {
    env = await startObjects(join(dir, 'store'));
    objects = env.objects;
  });
  after(async () => {
    await env?.[Symbol.asyncDispose]();
  });

  const base: Facts = { os: 'linux', kernel: '6.1.0', arch: 'x64', hostname: 'h1', cpus: 2, memoryBytes: 2 ** 30, mounts: [], interfaces: [] };

  it('stores facts at start, writes a refresh only when something changed, and re-registers a deleted Node', async () => {
    const clock = new FakeClock();
    let facts: Facts = base;
    let gathered = 0;
    const registrar = new NodeRegistrar(
      {
        objects,
        clock,
        log: silentLogger(),
        gather: async () => {
          gathered++;
          return facts;
        },
      },
      { node: 'facts-node', labels: { role: 'db' }, version: '1.2.3', apiAddress: () => '127.0.0.1:7400', refreshIntervalMs: 600_000 },
    );
    await registrar.start();
    try {
      const node = async () => (await objects.getInternal('Node', undefined, 'facts-node', { fresh: true }))!;
      const first = await node();
      assert.deepEqual((first.status as { facts: Facts }).facts, base);
      assert.equal((first.status as { version: string }).version, '1.2.3');
      assert.deepEqual(first.metadata.labels, { role: 'db' });

      await clock.advance(600_000);
      await assertEventually(() => assert.equal(gathered, 2, 'refreshed once'));
      assert.equal((await node()).metadata.resourceVersion, first.metadata.resourceVersion, 'nothing changed: nothing written');

      facts = { ...base, memoryBytes: 2 ** 31 };
      await clock.advance(600_000);
      await assertEventually(async () => assert.equal(((await node()).status as { facts: Facts }).facts.memoryBytes, 2 ** 31, 'the change is written'));

      await objects.delete('Node', undefined, 'facts-node', {});
      await clock.advance(600_000);
      await assertEventually(async () => assert.ok(await objects.getInternal('Node', undefined, 'facts-node', { fresh: true }), 'registered again'));
      assert.deepEqual(((await node()).status as { facts: Facts }).facts.memoryBytes, 2 ** 31);
    } finally {
      await registrar.stop();
    }
  });
});
