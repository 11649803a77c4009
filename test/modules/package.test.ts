// The package module against real apt and dpkg, with a local repository as
// the only source (test/helpers/apt-repo.ts). dpkg state is host-global, so
// every dpkg-touching package test lives in this one file and runs serially.
// Needs root: without it the suite fails with the reason, it never skips.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isFlotillaError } from '../../src/errors.js';
import { systemClock } from '../../src/lib/clock.js';
import type { ModuleContext } from '../../src/modules/module.js';
import { createPackageModule } from '../../src/modules/package.js';
import { createApt } from '../../src/modules/package-managers/apt.js';
import type { PackageManager, PackageTarget } from '../../src/modules/package-managers/manager.js';
import { childEnv } from '../../src/modules/process.js';
import { createAptRepo, type AptRepo } from '../helpers/apt-repo.js';
import { moduleContext, runStep } from '../helpers/module-context.js';

const A = 'flotilla-test-a';
const B = 'flotilla-test-b';

describe('package module with apt', { concurrency: 1 }, () => {
  let repo: AptRepo;
  const installs: PackageTarget[][] = [];
  const removals: string[][] = [];
  let queue = Promise.resolve();
  const packageLock = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
  // the real apt manager, watched: how many transactions, with which names
  const pkg = createPackageModule({
    createManager: (name, ctx): PackageManager => {
      assert.equal(name, 'apt');
      const apt = createApt({ env: childEnv(ctx), clock: systemClock, aptOptions: ctx.settings?.aptOptions ?? [] });
      return {
        ...apt,
        query: (names, signal) => apt.query(names, signal),
        refresh: (signal) => apt.refresh(signal),
        install: (targets, o) => {
          installs.push([...targets]);
          return apt.install(targets, o);
        },
        remove: (names, signal) => {
          removals.push([...names]);
          return apt.remove(names, signal);
        },
      };
    },
  });
  const ctx = (o: { check?: boolean } = {}): ModuleContext => moduleContext({ ...o, settings: { aptOptions: repo.aptOptions, packageLock } });

  before(async () => {
    repo = await createAptRepo();
    await repo.purge([A, B]);
    await repo.addPackage(A, '1.0');
    await repo.addPackage(B, '1.0');
    await repo.update();
  });

  after(async () => {
    if (repo === undefined) return;
    await repo.purge([A, B]);
    await repo[Symbol.asyncDispose]();
  });

  it('plans an install in check mode without touching dpkg', async () => {
    const r = await runStep(pkg, { name: [A, B] }, ctx({ check: true }));
    assert.deepEqual(
      r.plan.changes.map((c) => c.what),
      [`install ${A} 1.0`, `install ${B} 1.0`],
    );
    assert.equal(r.result.changed, true);
    assert.deepEqual(r.result.data, { manager: 'apt', packages: { [A]: { before: null, after: '1.0' }, [B]: { before: null, after: '1.0' } } });
    assert.deepEqual(await repo.installed([A, B]), { [A]: undefined, [B]: undefined });
    assert.equal(installs.length, 0);
  });

  it('installs two names in one transaction and reports versions before and after', async () => {
    const r = await runStep(pkg, { name: [A, B], state: 'present' }, ctx());
    assert.equal(r.result.failed, false, r.result.message);
    assert.equal(r.result.changed, true);
    assert.deepEqual(installs, [
      [
        { name: A, version: '1.0' },
        { name: B, version: '1.0' },
      ],
    ]);
    assert.deepEqual(r.result.data, { manager: 'apt', packages: { [A]: { before: null, after: '1.0' }, [B]: { before: null, after: '1.0' } } });
    assert.equal(r.result.message, `install ${A} 1.0; install ${B} 1.0`);
    assert.deepEqual(await repo.installed([A, B]), { [A]: '1.0', [B]: '1.0' });
  });

  it('reports no change for present when installed', async () => {
    const r = await runStep(pkg, { name: [A, B] }, ctx());
    assert.deepEqual(r.plan.changes, []);
    assert.equal(r.result.changed, false);
    assert.deepEqual(r.result.data, { manager: 'apt', packages: { [A]: { before: '1.0', after: '1.0' }, [B]: { before: '1.0', after: '1.0' } } });
    assert.equal(installs.length, 1);
  });

  it('upgrades with latest after 1.1 lands in the repository (refreshing the lists itself)', async () => {
    await repo.addPackage(A, '1.1'); // no apt-get update here: state latest refreshes
    const check = await runStep(pkg, { name: [A, B], state: 'latest' }, ctx({ check: true }));
    assert.deepEqual(check.plan.changes, [{ what: `upgrade ${A} 1.0 -> 1.1`, from: '1.0', to: '1.1' }]);
    assert.deepEqual(await repo.installed([A]), { [A]: '1.0' });

    const r = await runStep(pkg, { name: [A, B], state: 'latest' }, ctx());
    assert.equal(r.result.failed, false, r.result.message);
    assert.deepEqual(r.result.data, { manager: 'apt', packages: { [A]: { before: '1.0', after: '1.1' }, [B]: { before: '1.0', after: '1.0' } } });
    assert.deepEqual(await repo.installed([A, B]), { [A]: '1.1', [B]: '1.0' });
    const again = await runStep(pkg, { name: [A, B], state: 'latest' }, ctx());
    assert.equal(again.result.changed, false);
  });

  it('honours a version pin, downgrading when asked', async () => {
    const r = await runStep(pkg, { name: `${A}=1.0` }, ctx());
    assert.deepEqual(r.plan.changes, [{ what: `downgrade ${A} 1.1 -> 1.0`, from: '1.1', to: '1.0' }]);
    assert.equal(r.result.failed, false, r.result.message);
    assert.deepEqual(await repo.installed([A]), { [A]: '1.0' });
    assert.equal((await runStep(pkg, { name: `${A}=1.0` }, ctx())).result.changed, false);
    await assert.rejects(runStep(pkg, { name: [B, `${A}=9.9`] }, ctx()), (err: unknown) => {
      assert.ok(isFlotillaError(err, 'NOT_FOUND'));
      assert.match(err.message, /spec\.steps\[0\]\.package\.name\[1\]: version 9\.9 of 'flotilla-test-a' is not available from apt \(offered: 1\.1, 1\.0\)/);
      return true;
    });
  });

  it('fails clearly for an unknown package, naming its field path', async () => {
    await assert.rejects(runStep(pkg, { name: [A, 'flotilla-test-does-not-exist'] }, ctx()), (err: unknown) => {
      assert.ok(isFlotillaError(err, 'NOT_FOUND'));
      assert.equal(err.message, "spec.steps[0].package.name[1]: package 'flotilla-test-does-not-exist' is not available from apt (unknown name, or no source offers it)");
      return true;
    });
  });

  it('removes (purges) with absent, check mode first, then reports no change', async () => {
    const check = await runStep(pkg, { name: [A, B], state: 'absent' }, ctx({ check: true }));
    assert.deepEqual(
      check.plan.changes.map((c) => c.what),
      [`remove ${A} 1.0`, `remove ${B} 1.0`],
    );
    assert.deepEqual(await repo.installed([A, B]), { [A]: '1.0', [B]: '1.0' });

    const r = await runStep(pkg, { name: [A, B], state: 'absent' }, ctx());
    assert.equal(r.result.failed, false, r.result.message);
    assert.deepEqual(removals, [[A, B]]);
    assert.deepEqual(r.result.data, { manager: 'apt', packages: { [A]: { before: '1.0', after: null }, [B]: { before: '1.0', after: null } } });
    assert.deepEqual(await repo.installed([A, B]), { [A]: undefined, [B]: undefined });
    const again = await runStep(pkg, { name: [A, B], state: 'absent' }, ctx());
    assert.equal(again.result.changed, false);
  });

  it('detects apt with manager auto and uses the default module', async () => {
    const { packageModule } = await import('../../src/modules/package.js');
    const r = await runStep(packageModule, { name: B, manager: 'auto' }, ctx({ check: true }));
    assert.equal(r.plan.data.manager, 'apt');
    assert.deepEqual(
      r.plan.changes.map((c) => c.what),
      [`install ${B} 1.0`],
    );
  });
});
