// The input checks of src/git/source.ts, table-driven and without git: URLs,
// refs, commit ids, tree paths and lexical symlink resolution.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFlotillaError } from '../../src/errors.js';
import { checkCommit, checkRef, checkUrl, isCommitId, resolveSymlinkTarget, treePathComponents } from '../../src/git/index.js';

const invalid = (fn: () => unknown, what: string) =>
  assert.throws(fn, (err: unknown) => isFlotillaError(err, 'INVALID_ARGUMENT'), `${what} should be INVALID_ARGUMENT`);

describe('git input checks', () => {
  it('accepts https, ssh, scp-like and file URLs', () => {
    for (const url of [
      'https://git.example/infra.git',
      'ssh://git@git.example/infra.git',
      'ssh://git@git.example:2222/infra.git',
      'git@git.example:infra.git',
      'file:///srv/git/fleet.git',
    ]) assert.equal(checkUrl(url), url);
  });

  it('refuses other schemes, credentials and option-looking URLs', () => {
    for (const url of [
      'http://git.example/infra.git',
      'git://git.example/infra.git',
      'ext::sh -c touch% /tmp/pwned',
      'ext::sh',
      'fd::17',
      '/srv/git/fleet.git',
      './fleet.git',
      '--upload-pack=touch /tmp/pwned',
      '-oProxyCommand=touch /tmp/pwned',
      'https://user:secret@git.example/x.git',
      'https://token@git.example/x.git',
      'ssh://user:secret@git.example/x.git',
      'ssh://-oProxyCommand=touch/x.git',
      'ssh://%2DoProxyCommand=touch/x.git',
      'git.example:-x.git',
      'file://host/srv/x.git',
      'file://localhost/srv/x.git',
      'FILE://localhost/srv/x.git',
      'https://git.example/a b.git',
      '',
    ]) invalid(() => checkUrl(url), url);
  });

  it('does not echo credentials in the refusal', () => {
    try {
      checkUrl('https://user:hunter2@git.example/x.git');
      assert.fail('accepted');
    } catch (err) {
      assert.doesNotMatch((err as Error).message, /hunter2/);
    }
  });

  it('accepts branch, tag, full ref and commit id; lowercases a commit id', () => {
    for (const ref of ['main', 'release/1.2', 'v1.0.0', 'refs/heads/main', 'refs/tags/v1', 'HEAD']) assert.equal(checkRef(ref), ref);
    assert.equal(checkRef('A'.repeat(40)), 'a'.repeat(40));
    assert.equal(isCommitId('0123456789abcdef0123456789abcdef01234567'), true);
    assert.equal(isCommitId('0123456'), false);
  });

  it('refuses refs that could be options, refspecs or revision syntax', () => {
    const bad = ['--upload-pack=touch /tmp/x', '-oProxyCommand=x', 'main:refs/heads/x', 'a..b', '*', 'refs/heads/*', '^main', 'HEAD@{1}', 'main~1', '', 'a b', '@', 'x.lock', '.hidden', 'a//b', 'a/'];
    for (const ref of bad) invalid(() => checkRef(ref), ref);
  });

  it('accepts only full commit ids as commits', () => {
    assert.equal(checkCommit('F'.repeat(40)), 'f'.repeat(40));
    for (const c of ['main', 'abc123', 'g'.repeat(40), `${'a'.repeat(40)} `, '--all']) invalid(() => checkCommit(c), c);
  });

  it('normalises tree paths and refuses ones that could leave the tree', () => {
    assert.deepEqual(treePathComponents('a/b.yaml'), ['a', 'b.yaml']);
    assert.deepEqual(treePathComponents('./a//b/'), ['a', 'b']);
    assert.deepEqual(treePathComponents('-rf'), ['-rf']);
    assert.deepEqual(treePathComponents('.', { allowRoot: true }), []);
    assert.deepEqual(treePathComponents('', { allowRoot: true }), []);
    for (const p of ['../x', '/etc/passwd', 'a/../../b', 'a/../b', '..', 'a\u0000b', 'a\\b', '', '.', './']) invalid(() => treePathComponents(p), JSON.stringify(p));
  });

  it('resolves symlink targets lexically and refuses ones leaving the tree', () => {
    const cases: Array<[string[], string, string[] | undefined]> = [
      [[], 'conf/app.yaml', ['conf', 'app.yaml']],
      [['a'], '../b', ['b']],
      [['a', 'b'], '../../c/./d', ['c', 'd']],
      [['a'], '.', ['a']],
      [[], '/etc/passwd', undefined],
      [[], '../x', undefined],
      [['a'], '../../x', undefined],
      [['a', 'b'], '../../../etc/passwd', undefined],
      [[], '', undefined],
      [[], 'a\\b', undefined],
    ];
    for (const [dir, target, want] of cases) assert.deepEqual(resolveSymlinkTarget(dir, target), want, `${dir.join('/')} -> ${target}`);
  });
});
