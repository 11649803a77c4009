// GitCache.readFile and listTree against a real repository: content from
// the object database, path rules, symlinks inside and outside the tree,
// the size cap and the NOT_FOUND / FAILED_PRECONDITION cases.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it, after } from 'node:test';
import { isFlotillaError } from '../../src/errors.js';
import { FileTooLargeError, GitCache, type GitCommandEvent } from '../../src/git/index.js';
import { silentLogger } from '../../src/log.js';
import { createGitRepo, type GitRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/tmp.js';

const tmp = tempDirs('flotilla-git-read-');
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const signal = new AbortController().signal;

const rejectsWith = (p: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(p, (err: unknown) => {
    assert.ok(isFlotillaError(err), `expected a FlotillaError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });

describe('GitCache reads', () => {
  let repo: GitRepo;
  let cache: GitCache;
  let commit: string;
  const events: GitCommandEvent[] = [];
  const binary = new Uint8Array([0, 1, 2, 255, 0, 10, 13]);

  before(async () => {
    const root = await tmp();
    repo = await createGitRepo(root);
    commit = await repo.commit(
      {
        'web.yaml': 'steps: []\n',
        'conf/app.yaml': 'port: 8080\n',
        'conf/deep/x.hbs': '{{port}}\n',
        'bin/run.sh': { content: '#!/bin/sh\n', executable: true },
        'blob.bin': binary,
        'empty.txt': '',
        '-rf': 'dash\n',
        'sp ace*?.txt': 'odd name\n',
        'big.txt': 'x'.repeat(2048),
        'limit.txt': 'y'.repeat(1024),
        'app.yaml': { symlink: 'conf/app.yaml' },
        'cfg': { symlink: 'conf' },
        'conf/up.yaml': { symlink: '../web.yaml' },
        'chain': { symlink: 'app.yaml' },
        'passwd': { symlink: '/etc/passwd' },
        'escape': { symlink: '../../x' },
        'conf/escape-dir': { symlink: '../..' },
        'conf/deep/escape': { symlink: '../../../etc/passwd' },
        'loop-a': { symlink: 'loop-b' },
        'loop-b': { symlink: 'loop-a' },
        'dangling': { symlink: 'nope.yaml' },
      },
      'tree',
    );
    cache = new GitCache({ dir: join(root, 'cache'), log: silentLogger(), gcIntervalMs: 0, maxFileBytes: 1024, onGitCommand: (e) => events.push(e) });
    await cache.start();
    await cache.resolve({ url: repo.url, ref: 'main' }, { signal });
  });
  after(() => cache.stop());

  const read = (path: string) => cache.readFile(repo.url, commit, path, { signal });

  it('reads text, binary and empty files and odd names from the object database', async () => {
    assert.equal(text(await read('web.yaml')), 'steps: []\n');
    assert.equal(text(await read('conf/deep/x.hbs')), '{{port}}\n');
    assert.deepEqual(Buffer.from(await read('blob.bin')), Buffer.from(binary));
    assert.equal((await read('empty.txt')).length, 0);
    assert.equal(text(await read('-rf')), 'dash\n');
    assert.equal(text(await read('sp ace*?.txt')), 'odd name\n');
  });

  it('normalises ./ and // in paths', async () => {
    assert.equal(text(await read('./conf//app.yaml')), 'port: 8080\n');
    assert.equal(text(await read('conf/./deep/x.hbs/')), '{{port}}\n');
  });

  it('refuses paths that could leave the tree before running git', async () => {
    const count = events.length;
    for (const p of ['../x', '/etc/passwd', 'a/../../b', 'conf/../web.yaml', 'a\u0000b', 'a\\b', '', '.']) {
      await rejectsWith(read(p), 'INVALID_ARGUMENT');
    }
    await rejectsWith(cache.listTree(repo.url, commit, '../', { signal }), 'INVALID_ARGUMENT');
    await rejectsWith(cache.readFile(repo.url, 'main', 'web.yaml', { signal }), 'INVALID_ARGUMENT', /commit/);
    assert.equal(events.length, count, 'no git process for refused input');
  });

  it('rejects a missing file with NOT_FOUND naming path@commit', async () => {
    await rejectsWith(read('nope.yaml'), 'NOT_FOUND', new RegExp(`'nope.yaml'@${commit}`));
    await rejectsWith(read('conf/nope/x.yaml'), 'NOT_FOUND', /'conf\/nope\/x.yaml'@/);
    await rejectsWith(read('web.yaml/x'), 'NOT_FOUND');
    await rejectsWith(read('dangling'), 'NOT_FOUND');
  });

  it('rejects reading a directory and listing a file with FAILED_PRECONDITION', async () => {
    await rejectsWith(read('conf'), 'FAILED_PRECONDITION', /is a directory/);
    await rejectsWith(cache.listTree(repo.url, commit, 'web.yaml', { signal }), 'FAILED_PRECONDITION', /not a directory/);
  });

  it('follows symlinks that stay inside the tree', async () => {
    assert.equal(text(await read('app.yaml')), 'port: 8080\n');
    assert.equal(text(await read('chain')), 'port: 8080\n');
    assert.equal(text(await read('cfg/deep/x.hbs')), '{{port}}\n');
    assert.equal(text(await read('conf/up.yaml')), 'steps: []\n');
  });

  it('refuses symlinks that lead outside the tree, and symlink loops, with INVALID_ARGUMENT', async () => {
    for (const p of ['passwd', 'escape', 'conf/escape-dir/etc/passwd', 'conf/deep/escape']) {
      await rejectsWith(read(p), 'INVALID_ARGUMENT', /points outside the repository tree/);
    }
    await rejectsWith(cache.listTree(repo.url, commit, 'conf/escape-dir', { signal }), 'INVALID_ARGUMENT', /outside/);
    await rejectsWith(read('loop-a'), 'INVALID_ARGUMENT', /symbolic links/);
  });

  it('refuses files above maxFileBytes with RESOURCE_EXHAUSTED naming the path', async () => {
    assert.equal((await read('limit.txt')).length, 1024);
    await assert.rejects(read('big.txt'), (err: unknown) => {
      assert.ok(err instanceof FileTooLargeError);
      assert.equal(err.code, 'RESOURCE_EXHAUSTED');
      assert.match(err.message, /big\.txt@.* is 2048 bytes, more than the limit of 1024 bytes/);
      return true;
    });
  });

  it('lists a directory with types, modes and sizes, reporting symlinks without following them', async () => {
    const root = await cache.listTree(repo.url, commit, '.', { signal });
    const byName = new Map(root.map((e) => [e.name, e]));
    assert.deepEqual(byName.get('web.yaml'), { name: 'web.yaml', path: 'web.yaml', type: 'file', mode: '100644', executable: false, size: 10 });
    assert.deepEqual(byName.get('conf'), { name: 'conf', path: 'conf', type: 'dir', mode: '040000', executable: false });
    assert.equal(byName.get('passwd')?.type, 'symlink');
    assert.equal(byName.get('cfg')?.type, 'symlink');
    const bin = await cache.listTree(repo.url, commit, 'bin', { signal });
    assert.deepEqual(bin, [{ name: 'run.sh', path: 'bin/run.sh', type: 'file', mode: '100755', executable: true, size: 10 }]);
  });

  it('lists recursively, and through a symlinked directory under the name asked for', async () => {
    const all = await cache.listTree(repo.url, commit, 'conf', { signal, recursive: true });
    assert.deepEqual(all.map((e) => e.path).sort(), ['conf/app.yaml', 'conf/deep/escape', 'conf/deep/x.hbs', 'conf/escape-dir', 'conf/up.yaml']);
    const viaLink = await cache.listTree(repo.url, commit, 'cfg/deep', { signal });
    assert.deepEqual(viaLink.map((e) => e.path).sort(), ['cfg/deep/escape', 'cfg/deep/x.hbs']);
  });

  it('fetches a commit by id, once, when a fresh cache reads it concurrently', async (t) => {
    const fresh: GitCommandEvent[] = [];
    const other = new GitCache({ dir: join(await tmp(), 'cache'), log: silentLogger(), gcIntervalMs: 0, onGitCommand: (e) => fresh.push(e) });
    await other.start();
    t.after(() => other.stop());
    const [app, web, bin] = await Promise.all([
      other.readFile(repo.url, commit, 'conf/app.yaml', { signal }),
      other.readFile(repo.url, commit, 'web.yaml', { signal }),
      other.listTree(repo.url, commit, 'bin', { signal }),
    ]);
    assert.equal(text(app), 'port: 8080\n');
    assert.equal(text(web), 'steps: []\n');
    assert.deepEqual(bin.map((e) => e.name), ['run.sh']);
    const fetches = fresh.filter((e) => e.op === 'fetch');
    assert.equal(fetches.length, 1);
    assert.ok(fetches[0].args.includes(`+${commit}:refs/flotilla/pins/${commit}`));
  });
});
