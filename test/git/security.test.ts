// What repository content, user input and the daemon's surroundings must
// not be able to do through the git cache: run code (hooks, filter drivers,
// submodules, fsmonitor), choose a transport or pass options to git, or
// smuggle malformed trees in. Each attempt that would run code touches a
// marker file; the tests check that it never appears.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { isFlotillaError } from '../../src/errors.js';
import { GitCache, type GitCommandEvent } from '../../src/git/index.js';
import { silentLogger } from '../../src/log.js';
import { createGitRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/tmp.js';

const tmp = tempDirs('flotilla-git-sec-');
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const signal = new AbortController().signal;

async function startCache(t: TestContext) {
  const dir = join(await tmp(), 'cache');
  const events: GitCommandEvent[] = [];
  const cache = new GitCache({ dir, log: silentLogger(), gcIntervalMs: 0, onGitCommand: (e) => events.push(e) });
  await cache.start();
  t.after(() => cache.stop());
  events.length = 0; // start() ran `git version`
  return { cache, dir, events };
}

const repoDir = (cacheDir: string, url: string) => join(cacheDir, 'repos', `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.git`);

/** a directory of executable hooks, each touching `marker` */
async function evilHooks(dir: string, marker: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const name of ['reference-transaction', 'post-checkout', 'post-merge', 'pre-auto-gc', 'post-update', 'post-index-change', 'fsmonitor-watchman']) {
    await writeFile(join(dir, name), `#!/bin/sh\ntouch '${marker}'\n`);
    await chmod(join(dir, name), 0o755);
  }
  return dir;
}

describe('GitCache security', () => {
  it('refuses bad URLs before running any git', async (t) => {
    const root = await tmp();
    const marker = join(root, 'pwned');
    const { cache, events } = await startCache(t);
    const urls = [
      'http://127.0.0.1/fleet.git',
      'git://127.0.0.1/fleet.git',
      `ext::sh -c touch% ${marker}`,
      'fd::17',
      `${root}/fleet.git`,
      `--upload-pack=touch ${marker}`,
      `-oProxyCommand=touch ${marker}`,
      `ssh://-oProxyCommand=touch%20${marker}/x.git`,
      'https://user:hunter2@127.0.0.1/x.git',
      'https://hunter2@127.0.0.1/x.git',
      'ssh://git:hunter2@127.0.0.1/x.git',
      'file://localhost/srv/x.git',
    ];
    for (const url of urls) {
      for (const call of [
        () => cache.resolve({ url, ref: 'main' }, { signal }),
        () => cache.readFile(url, 'a'.repeat(40), 'x', { signal }),
        () => cache.listTree(url, 'a'.repeat(40), '.', { signal }),
      ]) {
        await assert.rejects(call(), (err: unknown) => {
          assert.ok(isFlotillaError(err, 'INVALID_ARGUMENT'), `${url}: ${String(err)}`);
          assert.doesNotMatch(err.message, /hunter2/);
          return true;
        });
      }
    }
    assert.deepEqual(events, [], 'no git process ran');
    assert.equal(existsSync(marker), false);
  });

  it('refuses refs that look like options or refspecs before running any git', async (t) => {
    const root = await tmp();
    const marker = join(root, 'pwned');
    const repo = await createGitRepo(root);
    await repo.commit({ 'a.yaml': 'a' }, 'a');
    const { cache, events } = await startCache(t);
    for (const ref of [`--upload-pack=touch ${marker}`, `-oProxyCommand=touch ${marker}`, 'main:refs/heads/evil', 'refs/heads/*', '^main', 'HEAD@{1}', 'a..b', '']) {
      await assert.rejects(cache.resolve({ url: repo.url, ref }, { signal }), (err: unknown) => isFlotillaError(err, 'INVALID_ARGUMENT'), ref);
    }
    assert.deepEqual(events, []);
    assert.equal(existsSync(marker), false);
  });

  it('runs nothing that repository content or the ambient git setup asks for', async (t) => {
    const root = await tmp();
    const marker = join(root, 'pwned');
    const repo = await createGitRepo(root);
    const touch = `#!/bin/sh\ntouch '${marker}'\n`;
    const commit = await repo.commit(
      {
        'hooks/post-checkout': { content: touch, executable: true },
        'hooks/reference-transaction': { content: touch, executable: true },
        '.gitattributes': '* filter=evil diff=evil merge=evil\n',
        config: `[core]\n\thooksPath = hooks\n\tfsmonitor = ${join(root, 'hooks', 'fsmonitor-watchman')}\n`,
        '.gitmodules': `[submodule "x"]\n\tpath = x\n\turl = ext::sh -c touch% ${marker}\n`,
        'web.yaml': 'raw content\n',
      },
      'evil',
    );
    // the source repository's own hooks (server side of a file:// fetch)
    const hooks = await evilHooks(join(root, 'ambient-hooks'), marker);
    for (const name of ['reference-transaction', 'post-update', 'pre-auto-gc', 'post-checkout']) await repo.addHook(name, touch);
    // the daemon user's own git setup: HOME/.gitconfig with filter drivers, hooks and fsmonitor, plus GIT_* variables
    const home = join(root, 'ambient-home');
    await mkdir(home, { recursive: true });
    await writeFile(
      join(home, '.gitconfig'),
      [
        '[core]',
        `\thooksPath = ${hooks}`,
        `\tfsmonitor = ${join(hooks, 'fsmonitor-watchman')}`,
        `\tsshCommand = sh -c 'touch ${marker}'`,
        '[filter "evil"]',
        `\tsmudge = touch ${marker}`,
        `\tclean = touch ${marker}`,
        '\trequired = true',
        '[diff "evil"]',
        `\ttextconv = touch ${marker}`,
        '[protocol]',
        '\tallow = always',
        '',
      ].join('\n'),
    );
    const saved = { ...process.env };
    t.after(() => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    });
    Object.assign(process.env, {
      HOME: home,
      GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
      GIT_CONFIG_PARAMETERS: `'core.hookspath'='${hooks}'`,
      GIT_SSH_COMMAND: `touch ${marker}`,
      GIT_EXEC_PATH: hooks,
    });

    assert.equal(existsSync(marker), false, 'ran before the cache');
    const { cache } = await startCache(t);
    assert.equal((await cache.resolve({ url: repo.url }, { signal })).commit, commit);
    assert.equal(existsSync(marker), false, 'ran in resolve');
    assert.equal(text(await cache.readFile(repo.url, commit, 'web.yaml', { signal })), 'raw content\n', 'no smudge filter applied');
    assert.equal(text(await cache.readFile(repo.url, commit, 'hooks/post-checkout', { signal })), touch);
    assert.ok((await cache.listTree(repo.url, commit, '.', { signal, recursive: true })).length >= 6);
    assert.equal(existsSync(marker), false, 'ran in a read');
    await repo.commit({ 'web.yaml': 'v2\n' }, 'v2');
    assert.equal(existsSync(marker), true, "the source repository's hooks do run on a push (so they would show)");
    await rm(marker);
    await cache.resolve({ url: repo.url }, { signal });
    assert.equal(existsSync(marker), false, 'ran in an incremental fetch');
  });

  it('does not run hooks placed in the cache repository itself (core.hooksPath=/dev/null)', async (t) => {
    const root = await tmp();
    const marker = join(root, 'pwned');
    const repo = await createGitRepo(root);
    await repo.commit({ 'a.yaml': 'a' }, 'a');
    const { cache, dir } = await startCache(t);
    await cache.resolve({ url: repo.url }, { signal });
    // reference-transaction runs on every ref update of a fetch unless hooks are off
    await evilHooks(join(repoDir(dir, repo.url), 'hooks'), marker);
    await repo.commit({ 'a.yaml': 'b' }, 'b');
    await cache.resolve({ url: repo.url }, { signal });
    assert.equal(existsSync(marker), false);
  });

  it('refuses trees with entries git would never write (.git, ..) as failed integrity checks', async (t) => {
    const root = await tmp();
    const repo = await createGitRepo(root);
    await repo.rawCommit([{ name: '.git', content: 'x' }], 'dotgit', 'dotgit');
    await repo.rawCommit([{ name: '..', content: 'x' }], 'dotdot', 'dotdot');
    const { cache } = await startCache(t);
    for (const ref of ['dotgit', 'dotdot']) {
      await assert.rejects(cache.resolve({ url: repo.url, ref }, { signal }), (err: unknown) => {
        assert.ok(isFlotillaError(err, 'FAILED_PRECONDITION'), String(err));
        assert.match(err.message, /failed integrity checks/);
        return true;
      });
    }
  });

  it('runs git with hooks off, only file/https/ssh, and strict ssh host keys from the cache dir', async (t) => {
    const { cache, dir } = await startCache(t);
    const home = join(dir, 'home');
    const env = { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: '1' };
    const get = async (key: string) => (await promisify(execFile)('git', ['config', '--global', '--get', key], { env })).stdout.trim();
    assert.equal(await get('core.hooksPath'), '/dev/null');
    assert.equal(await get('core.fsmonitor'), 'false');
    assert.equal(await get('protocol.allow'), 'never');
    assert.equal(await get('protocol.ext.allow').catch(() => 'unset'), 'unset');
    const ssh = await get('core.sshCommand');
    for (const opt of ['-F /dev/null', 'BatchMode=yes', 'StrictHostKeyChecking=yes', `UserKnownHostsFile='${join(dir, 'known_hosts')}'`, 'GlobalKnownHostsFile=/dev/null']) {
      assert.ok(ssh.includes(opt), `${opt} in ${ssh}`);
    }
    assert.equal(cache.knownHostsFile, join(dir, 'known_hosts'));
    assert.equal(await readFile(cache.knownHostsFile, 'utf8'), '', 'created empty: no host is trusted until the operator adds it');
  });
});
