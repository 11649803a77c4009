// GitCache against real repositories over file:// URLs (and loopback
// servers that refuse or never answer): resolving refs, incremental fetches,
// single-flight, pinned commits, error codes, lifecycle and gc.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { isFlotillaError } from '../../src/errors.js';
import { GitCache, type GitCacheOptions, type GitCommandEvent } from '../../src/git/index.js';
import { silentLogger } from '../../src/log.js';
import { assertEventually } from '../helpers/eventually.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { createGitRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/tmp.js';
import { freePort } from '../helpers/ports.js';

const tmp = tempDirs('flotilla-git-cache-');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

async function startCache(t: TestContext, opts: Partial<GitCacheOptions> = {}) {
  const dir = join(await tmp(), 'cache');
  const events: GitCommandEvent[] = [];
  const cache = new GitCache({ dir, log: silentLogger(), gcIntervalMs: 0, onGitCommand: (e) => events.push(e), ...opts });
  await cache.start();
  t.after(() => cache.stop());
  const signal = new AbortController().signal;
  return { cache, dir, events, signal, fetches: () => events.filter((e) => e.op === 'fetch').length };
}

/** the cache repository directory for `url` (layout documented in cache.ts) */
const repoDir = (cacheDir: string, url: string) => join(cacheDir, 'repos', `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.git`);

/** a loopback TCP server that accepts connections and never answers */
async function silentServer(t: TestContext): Promise<{ port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return { port: (server.address() as { port: number }).port, sockets };
}

const rejectsWith = (p: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(p, (err: unknown) => {
    assert.ok(isFlotillaError(err), `expected a FlotillaError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });

describe('GitCache.resolve', () => {
  it('resolves a branch, HEAD, a full ref, lightweight and annotated tags and a commit id', async (t) => {
    const repo = await createGitRepo(await tmp());
    const c1 = await repo.commit({ 'a.yaml': 'one' }, 'one');
    const c2 = await repo.commit({ 'a.yaml': 'two' }, 'two');
    const c3 = await repo.commit({ 'b.yaml': 'dev' }, 'dev', { branch: 'dev' });
    await repo.tag('v1', c1);
    await repo.tag('light', c2, { annotated: false });
    const { cache, signal } = await startCache(t);
    const r = (ref?: string) => cache.resolve({ url: repo.url, ref }, { signal }).then((x) => x.commit);
    assert.equal(await r('main'), c2);
    assert.equal(await r(), c2, 'default ref is HEAD');
    assert.equal(await r('HEAD'), c2);
    assert.equal(await r('refs/heads/dev'), c3);
    assert.equal(await r('dev'), c3);
    assert.equal(await r('v1'), c1, 'annotated tag is peeled to its commit');
    assert.equal(await r('refs/tags/light'), c2);
    assert.equal(await r(c1), c1);
    assert.equal(await r(c1.toUpperCase()), c1);
  });

  it('sees a new commit on the second resolve after a push, in the same cache repository', async (t) => {
    const repo = await createGitRepo(await tmp());
    const c1 = await repo.commit({ 'a.yaml': 'one' }, 'one');
    const { cache, dir, events, signal } = await startCache(t);
    assert.equal((await cache.resolve({ url: repo.url, ref: 'main' }, { signal })).commit, c1);
    const c2 = await repo.commit({ 'a.yaml': 'two' }, 'two');
    assert.equal((await cache.resolve({ url: repo.url, ref: 'main' }, { signal })).commit, c2);
    assert.equal(text(await cache.readFile(repo.url, c2, 'a.yaml', { signal })), 'two');
    const fetches = events.filter((e) => e.op === 'fetch');
    assert.equal(fetches.length, 2);
    assert.ok(fetches.every((e) => e.gitDir === repoDir(dir, repo.url)), 'one bare repository per URL');
    assert.ok(fetches.every((e) => e.args.includes('--depth=1') && e.args.includes('--no-tags')), 'shallow fetch of only that ref');
  });

  it('needs no fetch for a commit id already present', async (t) => {
    const repo = await createGitRepo(await tmp());
    const c1 = await repo.commit({ 'a.yaml': 'one' }, 'one');
    const { cache, signal, fetches } = await startCache(t);
    await cache.resolve({ url: repo.url, ref: 'main' }, { signal });
    assert.equal(fetches(), 1);
    assert.equal((await cache.resolve({ url: repo.url, ref: c1 }, { signal })).commit, c1);
    assert.equal(text(await cache.readFile(repo.url, c1, 'a.yaml', { signal })), 'one');
    assert.equal(fetches(), 1);
  });

  it('fetches an unknown commit id by id, even one no ref points at any more', async (t) => {
    const repo = await createGitRepo(await tmp());
    const c1 = await repo.commit({ 'a.yaml': 'one' }, 'one');
    await repo.commit({ 'a.yaml': 'two' }, 'two');
    const { cache, signal, fetches } = await startCache(t);
    assert.equal((await cache.resolve({ url: repo.url, ref: c1 }, { signal })).commit, c1);
    assert.equal(fetches(), 1);
    assert.equal(text(await cache.readFile(repo.url, c1, 'a.yaml', { signal })), 'one');
  });

  it('keeps fetching after shallow fetches: an older commit by id, then a new tip', async (t) => {
    const repo = await createGitRepo(await tmp());
    const c1 = await repo.commit({ 'a.yaml': 'one' }, 'one');
    await repo.commit({ 'a.yaml': 'two' }, 'two');
    const c3 = await repo.commit({ 'a.yaml': 'three' }, 'three');
    const { cache, signal } = await startCache(t);
    assert.equal((await cache.resolve({ url: repo.url, ref: 'main' }, { signal })).commit, c3);
    assert.equal((await cache.resolve({ url: repo.url, ref: c1 }, { signal })).commit, c1, 'an ancestor behind the shallow boundary');
    const c4 = await repo.commit({ 'a.yaml': 'four' }, 'four');
    assert.equal((await cache.resolve({ url: repo.url, ref: 'main' }, { signal })).commit, c4);
    const reads = await Promise.all([c1, c3, c4].map((c) => cache.readFile(repo.url, c, 'a.yaml', { signal })));
    assert.deepEqual(reads.map(text), ['one', 'three', 'four']);
  });

  it('shares one fetch between 10 concurrent resolves of the same ref', async (t) => {
    const repo = await createGitRepo(await tmp());
    const c1 = await repo.commit({ 'a.yaml': 'one' }, 'one');
    const { cache, signal, fetches } = await startCache(t);
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.resolve({ url: repo.url, ref: 'main' }, { signal })));
    assert.deepEqual(results.map((r) => r.commit), Array(10).fill(c1));
    assert.equal(fetches(), 1);
  });

  it('batches concurrent resolves of different refs of one URL into at most two fetches', async (t) => {
    const repo = await createGitRepo(await tmp());
    const c1 = await repo.commit({ 'a.yaml': 'one' }, 'one');
    const c2 = await repo.commit({ 'b.yaml': 'dev' }, 'dev', { branch: 'dev' });
    await repo.tag('v1', c1);
    const { cache, signal, fetches } = await startCache(t);
    const refs = ['main', 'dev', 'v1', 'main', 'dev', 'v1', 'main', 'dev', 'v1', 'main'];
    const results = await Promise.all(refs.map((ref) => cache.resolve({ url: repo.url, ref }, { signal })));
    assert.deepEqual(results.map((r) => r.commit), refs.map((ref) => (ref === 'dev' ? c2 : c1)));
    assert.ok(fetches() <= 2, `${fetches()} fetches`);
  });

  it('fetches different repositories in parallel, each in its own cache repository', async (t) => {
    const root = await tmp();
    const repos = await Promise.all(['a', 'b', 'c'].map((n) => createGitRepo(root, n)));
    const commits = await Promise.all(repos.map((r, i) => r.commit({ 'x.yaml': `repo ${i}` }, 'init')));
    const { cache, dir, signal, fetches } = await startCache(t, { fetchConcurrency: 2 });
    const got = await Promise.all(repos.map((r) => cache.resolve({ url: r.url }, { signal })));
    assert.deepEqual(got.map((g) => g.commit), commits);
    assert.equal(fetches(), 3);
    for (const r of repos) assert.ok(existsSync(repoDir(dir, r.url)));
  });

  it('keeps a resolved commit readable after the ref moves, history is rewritten and git gc prunes', async (t) => {
    const repo = await createGitRepo(await tmp());
    const c1 = await repo.commit({ 'a.yaml': 'old', 'gone.yaml': 'bye' }, 'one');
    const { cache, dir, signal, fetches } = await startCache(t);
    assert.equal((await cache.resolve({ url: repo.url, ref: 'main' }, { signal })).commit, c1);
    // rewrite main so c1 is unreachable on the server, then let the cache fetch the new tip
    await repo.rawCommit([{ name: 'a.yaml', content: 'new' }], 'rewritten');
    const c2 = (await cache.resolve({ url: repo.url, ref: 'main' }, { signal })).commit;
    assert.notEqual(c2, c1);
    // prune everything unreachable in the cache repository, with the cache's own git config
    const env = { PATH: process.env.PATH, HOME: join(dir, 'home'), GIT_CONFIG_NOSYSTEM: '1', GIT_DIR: repoDir(dir, repo.url) };
    await promisify(execFile)('git', ['gc', '--quiet', '--prune=now'], { env });
    const before = fetches();
    assert.equal(text(await cache.readFile(repo.url, c1, 'a.yaml', { signal })), 'old');
    assert.equal(text(await cache.readFile(repo.url, c1, 'gone.yaml', { signal })), 'bye');
    assert.equal(text(await cache.readFile(repo.url, c2, 'a.yaml', { signal })), 'new');
    assert.equal(fetches(), before, 'read from the cache, not fetched again');
  });

  it('rejects an unknown ref with NOT_FOUND naming URL and ref, without failing other refs in the same fetch', async (t) => {
    const repo = await createGitRepo(await tmp());
    const c1 = await repo.commit({ 'a.yaml': 'one' }, 'one');
    const { cache, signal } = await startCache(t);
    await rejectsWith(cache.resolve({ url: repo.url, ref: 'nope' }, { signal }), 'NOT_FOUND', new RegExp(`ref 'nope' in ${repo.url} not found`));
    const [good, bad] = await Promise.allSettled([
      cache.resolve({ url: repo.url, ref: 'main' }, { signal }),
      cache.resolve({ url: repo.url, ref: 'missing' }, { signal }),
    ]);
    assert.deepEqual(good, { status: 'fulfilled', value: { commit: c1 } });
    assert.ok(bad.status === 'rejected' && isFlotillaError(bad.reason, 'NOT_FOUND'), bad.status);
  });

  it('rejects an unknown commit id with NOT_FOUND', async (t) => {
    const repo = await createGitRepo(await tmp());
    await repo.commit({ 'a.yaml': 'one' }, 'one');
    const { cache, signal } = await startCache(t);
    await rejectsWith(cache.resolve({ url: repo.url, ref: '1'.repeat(40) }, { signal }), 'NOT_FOUND', /commit '1{40}'/);
    await rejectsWith(cache.readFile(repo.url, '2'.repeat(40), 'a.yaml', { signal }), 'NOT_FOUND', /commit '2{40}'/);
  });

  it('rejects a file:// URL with no repository behind it with NOT_FOUND naming the URL', async (t) => {
    const root = await tmp();
    const { cache, signal } = await startCache(t);
    const url = `file://${root}/nothing-here.git`;
    await rejectsWith(cache.resolve({ url }, { signal }), 'NOT_FOUND', new RegExp(`repository ${url} not found`));
  });

  it('rejects unreachable https and ssh servers with retryable UNAVAILABLE naming the URL', async (t) => {
    const port = await freePort();
    const { cache, signal } = await startCache(t);
    for (const url of [`https://127.0.0.1:${port}/fleet.git`, `ssh://git@127.0.0.1:${port}/fleet.git`]) {
      await assert.rejects(cache.resolve({ url }, { signal }), (err: unknown) => {
        assert.ok(isFlotillaError(err, 'UNAVAILABLE'), String(err));
        assert.equal(err.retryable, true);
        assert.ok(err.message.includes(url), err.message);
        return true;
      });
    }
  });

  it('gives up on a server that never answers after fetchTimeoutMs with UNAVAILABLE', async (t) => {
    const { port } = await silentServer(t);
    const { cache, signal } = await startCache(t, { fetchTimeoutMs: 300 });
    await rejectsWith(cache.resolve({ url: `https://127.0.0.1:${port}/fleet.git` }, { signal }), 'UNAVAILABLE', /timed out after 300 ms/);
  });

  it("stops waiting when the caller's signal aborts and kills the fetch nobody waits for", async (t) => {
    const { port, sockets } = await silentServer(t);
    const { cache } = await startCache(t);
    const ac = new AbortController();
    const p = cache.resolve({ url: `https://127.0.0.1:${port}/fleet.git` }, { signal: ac.signal });
    const rejected = assert.rejects(p, /caller gave up/);
    await waitFor(() => sockets.size > 0);
    ac.abort(new Error('caller gave up'));
    await rejected;
    await waitFor(() => sockets.size === 0);
  });
});

describe('GitCache lifecycle', () => {
  it('refuses calls before start and after stop; stop is idempotent', async () => {
    const dir = join(await tmp(), 'cache');
    const cache = new GitCache({ dir, log: silentLogger(), gcIntervalMs: 0 });
    const signal = new AbortController().signal;
    await rejectsWith(cache.resolve({ url: 'file:///x.git' }, { signal }), 'FAILED_PRECONDITION', /idle/);
    await cache.start();
    await assert.rejects(cache.start(), /running/);
    await cache.stop();
    await cache.stop();
    await rejectsWith(cache.resolve({ url: 'file:///x.git' }, { signal }), 'FAILED_PRECONDITION', /stopped/);
  });

  it('aborts an in-flight fetch on stop()', async (t) => {
    const { port, sockets } = await silentServer(t);
    const { cache, signal } = await startCache(t);
    const p = cache.resolve({ url: `https://127.0.0.1:${port}/fleet.git` }, { signal });
    const rejected = rejectsWith(p, 'CANCELLED');
    await waitFor(() => sockets.size > 0);
    await cache.stop();
    await rejected;
    await waitFor(() => sockets.size === 0);
  });

  it('fails to start with an install hint when git cannot be run', async () => {
    const cache = new GitCache({ dir: join(await tmp(), 'cache'), log: silentLogger(), gcIntervalMs: 0, path: '/nonexistent' });
    await rejectsWith(cache.start(), 'FAILED_PRECONDITION', /apt-get install git/);
  });
});

describe('GitCache.gc', () => {
  it('removes repositories idle longer than maxIdleMs and fetches them again on the next use', async (t) => {
    const root = await tmp();
    const a = await createGitRepo(root, 'a');
    const b = await createGitRepo(root, 'b');
    const ca = await a.commit({ 'x.yaml': 'a' }, 'a');
    await b.commit({ 'x.yaml': 'b' }, 'b');
    const clock = new FakeClock();
    const day = 86_400_000;
    const { cache, dir, signal } = await startCache(t, { clock, maxIdleMs: 7 * day });
    await cache.resolve({ url: a.url }, { signal });
    await cache.resolve({ url: b.url }, { signal });
    await clock.advance(5 * day);
    await cache.resolve({ url: b.url }, { signal });
    await clock.advance(3 * day);
    assert.deepEqual(await cache.gc(), { removed: [a.url], kept: 1 });
    assert.equal(existsSync(repoDir(dir, a.url)), false);
    assert.equal(existsSync(repoDir(dir, b.url)), true);
    assert.equal(text(await cache.readFile(a.url, ca, 'x.yaml', { signal })), 'a');
  });

  it('keeps at most maxRepos, removing the least recently used', async (t) => {
    const root = await tmp();
    const repos = await Promise.all(['a', 'b', 'c'].map((n) => createGitRepo(root, n)));
    for (const r of repos) await r.commit({ 'x.yaml': 'x' }, 'x');
    const clock = new FakeClock();
    const { cache, signal } = await startCache(t, { clock, maxRepos: 2 });
    for (const r of repos) {
      await cache.resolve({ url: r.url }, { signal });
      await clock.advance(60_000);
    }
    assert.deepEqual(await cache.gc(), { removed: [repos[0].url], kept: 2 });
  });

  it('never removes a repository with a fetch in progress', async (t) => {
    const { port, sockets } = await silentServer(t);
    const clock = new FakeClock();
    const { cache, dir, signal } = await startCache(t, { clock, maxIdleMs: 1000 });
    const url = `https://127.0.0.1:${port}/fleet.git`;
    const p = cache.resolve({ url }, { signal });
    p.catch(() => undefined);
    await waitFor(() => sockets.size > 0);
    await clock.advance(10_000);
    assert.deepEqual(await cache.gc(), { removed: [], kept: 1 });
    assert.equal(existsSync(repoDir(dir, url)), true);
  });
});

/** retries until `cond` holds (assertEventually's default deadline) */
const waitFor = (cond: () => boolean) => assertEventually(() => assert.ok(cond(), 'condition not met yet'));
