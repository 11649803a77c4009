// Output parsers of the package managers and the package module's argument
// checks. None of this touches dpkg (that is package.test.ts); dnf and apk are
// not on the test machine, so their parsers are tested on captured output.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from '../../src/errors.js';
import { packageModule } from '../../src/modules/package.js';
import { aptInfo, compareDebianVersions, parseAptPolicy, parseDpkgQuery } from '../../src/modules/package-managers/apt.js';
import { parseApkPolicy } from '../../src/modules/package-managers/apk.js';
import { findExecutable } from '../../src/modules/package-managers/detect.js';
import { normalizeEvr, parseRepoquery, parseRpmQuery } from '../../src/modules/package-managers/dnf.js';

describe('apt output', () => {
  const policy = [
    'flotilla-test-a:',
    '  Installed: 1.0',
    '  Candidate: 1.1',
    '  Version table:',
    '     1.1 500',
    '        500 file:/tmp/flotilla-apt-x/repo ./ Packages',
    ' *** 1.0 500',
    '        500 file:/tmp/flotilla-apt-x/repo ./ Packages',
    '        100 /var/lib/dpkg/status',
    'ghost:',
    '  Installed: (none)',
    '  Candidate: (none)',
    '  Version table:',
    'libc6:i386:',
    '  Installed: (none)',
    '  Candidate: 2.36-9+deb12u4',
    '  Version table:',
    '     2.36-9+deb12u4 500',
    '        500 http://deb.debian.org/debian bookworm/main i386 Packages',
    '',
  ].join('\n');

  it('reads candidates and version tables from apt-cache policy', () => {
    const p = parseAptPolicy(policy);
    assert.deepEqual(Object.fromEntries(p), {
      'flotilla-test-a': { candidate: '1.1', versions: ['1.1', '1.0'] },
      ghost: { versions: [] },
      'libc6:i386': { candidate: '2.36-9+deb12u4', versions: ['2.36-9+deb12u4'] },
    });
  });

  it('reads dpkg-query rows, telling installed from config-files-only', () => {
    const rows = parseDpkgQuery(
      ['flotilla-test-a\tflotilla-test-a\t1.0\tii ', 'oldpkg\toldpkg\t2.0\trc ', 'libc6:amd64\tlibc6\t2.36-9\tii ', 'libc6:i386\tlibc6\t2.36-9\tun ', ''].join('\n'),
    );
    assert.deepEqual(rows.get('flotilla-test-a'), { version: '1.0', status: 'i' });
    assert.deepEqual(rows.get('libc6'), { version: '2.36-9', status: 'i' });
    assert.deepEqual(rows.get('libc6:i386'), { version: '2.36-9', status: 'n' });
    const info = aptInfo(['flotilla-test-a', 'oldpkg', 'ghost', 'nothing'], rows, parseAptPolicy(policy));
    assert.deepEqual(Object.fromEntries(info), {
      'flotilla-test-a': { installed: '1.0', candidate: '1.1', versions: ['1.1', '1.0'] },
      oldpkg: { residual: true },
      ghost: { versions: [] },
      nothing: {},
    });
  });

  it('orders Debian versions as dpkg does', () => {
    const cases: [string, string, -1 | 0 | 1][] = [
      ['1.0', '1.1', -1],
      ['1.0~rc1', '1.0', -1],
      ['1.0', '1.0+b1', -1],
      ['1.0a', '1.0', 1],
      ['2.30', '2.4', 1],
      ['1:0.1', '2.0', 1],
      ['1.0-1', '1.0-2', -1],
      ['1.0-10', '1.0-9', 1],
      ['1.0-1', '1.0', 1],
      ['1.24.0-1', '1.24.0-1', 0],
      ['0:1.0', '1.0', 0],
      ['1.0~~', '1.0~', -1],
      ['5.2.15-2+b8', '5.2.15-2+b10', -1],
    ];
    for (const [a, b, want] of cases) assert.equal(Math.sign(compareDebianVersions(a, b)), want, `${a} vs ${b}`);
  });
});

describe('dnf output', () => {
  it('reads rpm -q rows and skips names that are not installed', () => {
    const rows = parseRpmQuery('bash\t5.1.8-6.el9\nopenssl\t1:3.0.7-27.el9\npackage nosuch is not installed\n');
    assert.deepEqual(Object.fromEntries(rows), { bash: '5.1.8-6.el9', openssl: '1:3.0.7-27.el9' });
  });

  it('reads repoquery rows (dnf 4 adds a newline of its own) and drops a zero epoch', () => {
    const rows = parseRepoquery('bash\t0:5.1.8-9.el9\n\nopenssl\t1:3.0.7-28.el9\n\n');
    assert.deepEqual(Object.fromEntries(rows), { bash: '5.1.8-9.el9', openssl: '1:3.0.7-28.el9' });
    assert.equal(normalizeEvr('0:1-2'), '1-2');
    assert.equal(normalizeEvr('2:1-2'), '2:1-2');
  });
});

describe('apk output', () => {
  it('reads apk policy: installed version, preferred repository version, tagged repositories ignored', () => {
    const text = [
      'zlib policy:',
      '  1.3.1-r1:',
      '    @testing https://dl-cdn.alpinelinux.org/alpine/edge/testing',
      '  1.3.1-r0 (upgradeable):',
      '    https://dl-cdn.alpinelinux.org/alpine/v3.20/main',
      '  1.2.13-r1:',
      '    lib/apk/db/installed',
      '    https://dl-cdn.alpinelinux.org/alpine/v3.19/main',
      'busybox policy:',
      '  1.36.1-r29:',
      '    lib/apk/db/installed',
      'curl policy:',
      '  8.9.1-r0:',
      '    https://dl-cdn.alpinelinux.org/alpine/v3.20/main',
      '',
    ].join('\n');
    assert.deepEqual(Object.fromEntries(parseApkPolicy(text)), {
      zlib: { installed: '1.2.13-r1', candidate: '1.3.1-r0', versions: ['1.3.1-r1', '1.3.1-r0', '1.2.13-r1'] },
      busybox: { installed: '1.36.1-r29', candidate: '1.36.1-r29', versions: ['1.36.1-r29'] },
      curl: { candidate: '8.9.1-r0', versions: ['8.9.1-r0'] },
    });
  });
});

describe('package module arguments', () => {
  it('accepts one name or a list, with name=version pins for state present', () => {
    const one = packageModule.parse({ name: 'nginx' }, 'p');
    assert.deepEqual(one, { at: 'p', packages: [{ name: 'nginx', path: 'p.name' }], state: 'present', manager: 'auto' });
    const many = packageModule.parse({ name: ['nginx=1.24.0-1', 'curl'], state: 'present', manager: 'apt' }, 'p');
    assert.deepEqual(many.packages, [
      { name: 'nginx', version: '1.24.0-1', path: 'p.name[0]' },
      { name: 'curl', path: 'p.name[1]' },
    ]);
  });

  it('lists every problem with its field path', () => {
    assert.throws(
      () => packageModule.parse({ name: ['ok', '-rf', 'two words', 'ok', 'x=1'], state: 'latest', manager: 'yum', extra: 1 }, 'spec.steps[1].package'),
      (err: unknown) => {
        assert.ok(err instanceof InvalidArgumentError);
        assert.deepEqual(
          err.issues.map((i) => i.path),
          [
            'spec.steps[1].package.extra',
            'spec.steps[1].package.manager',
            'spec.steps[1].package.name[1]',
            'spec.steps[1].package.name[2]',
            'spec.steps[1].package.name[3]',
            'spec.steps[1].package.name[4]',
          ],
        );
        return true;
      },
    );
    assert.throws(() => packageModule.parse({ name: ['a', 'a=1'] }, 'p'), /p\.name\[1\]: 'a' is listed twice \(also at p\.name\[0\]\)/);
    assert.throws(() => packageModule.parse({ name: 'a=1', state: 'absent' }, 'p'), /p\.name: a pinned version \('a=1'\) needs state present/);
    assert.throws(() => packageModule.parse({ name: [] }, 'p'), /p\.name: must not be an empty list/);
    assert.throws(() => packageModule.parse({ state: 'present' }, 'p'), /p\.name: is required/);
    assert.throws(() => packageModule.parse({ name: 'x', state: '{{vars.state}}' }, 'p'), /p\.state: '\{\{vars\.state\}\}' is an unrendered template/);
  });
});

describe('package manager detection', () => {
  it('finds executables on a PATH value', async () => {
    assert.equal(await findExecutable('sh', '/nonexistent:/bin'), '/bin/sh');
    assert.equal(await findExecutable('sh', '/nonexistent'), undefined);
  });
});
