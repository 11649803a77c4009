// GitCache: the daemon's local copy of the git repositories it reads
// TaskBooks and templates from. It owns one bare repository per URL under
// `dir/repos/`, fetches only the refs asked for (shallow, incrementally),
// pins what it resolved so a commit once handed out stays readable, and
// reads files and trees straight from the object database (never a work
// tree, so no checkout, filter, hook or attribute can run). Callers (the
// controller pinning includes, Repository sync, the agent's readSource) see
// commit ids, bytes and tree entries; git itself stays behind runner.ts.
//
// Layout under `dir`:
//   home/.gitconfig      the hardened global config git runs with (runner.ts)
//   home/bin/flotilla-git  the wrapper git runs through (runner.ts)
//   known_hosts          the only host keys ssh:// URLs are checked against;
//                        created empty, filled by the operator (or a Secret sync)
//   repos/<h>.git        bare repo for the URL whose sha256 starts with <h>
//                        (32 hex); holds `flotilla-url` (the URL) and
//                        `flotilla-used` (mtime = last use, for gc)
//
// Refs inside a cache repo: `refs/flotilla/refs/<sha1(ref)>` is where a
// fetch of a ref name lands, `refs/flotilla/pins/<commit>` where a fetch by
// commit id lands. core.logAllRefUpdates=always with reflog expiry `never`
// keeps every commit any of these refs ever pointed at, so git's own gc
// never prunes a commit the cache has handed out. Only cache gc (whole repos
// idle for `maxIdleMs`, or beyond `maxRepos`) removes them.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  FailedPreconditionError,
  FlotillaError,
  IllegalStateError,
  InvalidArgumentError,
  NotFoundError,
  ShutdownError,
  UnavailableError,
} from '../errors.js';
import { abortable, anySignal } from '../lib/abort.js';
import { systemClock, type Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import { FileTooLargeError, fetchError, isMissingRemoteRef } from './errors.js';
import { Limiter } from './limiter.js';
import { GitCommandError, GitRunner, type GitCommandEvent } from './runner.js';
import {
  checkCommit,
  checkRef,
  checkUrl,
  displayUrl,
  isCommitId,
  isSafeEntryName,
  printable,
  resolveSymlinkTarget,
  treePathComponents,
} from './source.js';

/** the ref resolved when a source names none: the remote's default branch */
export const DEFAULT_REF = 'HEAD';
/** default per-file read limit: 16 MiB */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
/** symlinks followed while resolving one path, like the kernel's ELOOP limit (40) but smaller */
export const MAX_SYMLINK_HOPS = 8;
/** git versions before this lack `fetch --no-write-fetch-head` */
const MIN_GIT_VERSION: readonly [number, number] = [2, 29];
/** longest symlink target read (bytes) */
const MAX_LINK_TARGET_BYTES = 4096;

export interface GitCacheOptions {
  /** cache directory under the daemon's data dir; created by start() */
  dir: string;
  log: Logger;
  clock?: Clock;
  /** one fetch (all refs batched into it) is killed after this long; default 120 000 ms */
  fetchTimeoutMs?: number;
  /** fetches from different repositories running at once; default 4 */
  fetchConcurrency?: number;
  /** other git processes (reads) running at once; default 16 */
  processConcurrency?: number;
  /** readFile refuses larger files with RESOURCE_EXHAUSTED; default 16 MiB */
  maxFileBytes?: number;
  /** gc removes repositories unused for longer than this; default 30 days */
  maxIdleMs?: number;
  /** gc removes the least recently used repositories beyond this many; default 256 */
  maxRepos?: number;
  /** the background gc runs this often; 0 turns it off (call gc() yourself); default 6 h */
  gcIntervalMs?: number;
  /** host keys for ssh:// URLs; default `<dir>/known_hosts` */
  knownHostsFile?: string;
  /** ssh private key for ssh:// URLs; default: ssh's defaults for the daemon user */
  sshIdentityFile?: string;
  /** PATH for git and ssh; default a fixed system PATH (runner.ts) */
  path?: string;
  /** called before every git process starts; for tests and metrics */
  onGitCommand?: (event: GitCommandEvent) => void;
}

/** What to resolve: a repository URL and a branch, tag, full ref or commit id (default HEAD). */
export interface GitRefSource {
  url: string;
  ref?: string;
}

export interface ResolvedCommit {
  /** full 40-hex commit id */
  commit: string;
}

export interface TreeEntry {
  /** path relative to the listed directory ('a.yaml', or 'sub/b.yaml' when recursive) */
  name: string;
  /** path from the repository root, as the caller named the directory, plus name */
  path: string;
  /** symlinks are reported, not followed; readFile follows them inside the tree */
  type: 'file' | 'dir' | 'symlink' | 'submodule';
  /** git file mode: 100644, 100755, 040000, 120000, 160000 */
  mode: string;
  /** true for mode 100755 */
  executable: boolean;
  /** bytes, for files and symlinks */
  size?: number;
}

export interface GcResult {
  /** URLs (or directory names when unknown) of the repositories removed */
  removed: string[];
  /** repositories left in place */
  kept: number;
}

type State = 'idle' | 'running' | 'stopping' | 'stopped' | 'failed';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(err: Error): void;
  isSettled: boolean;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // a waiter may have left; the rejection is still observed by those who stay
  const d: Deferred<T> = {
    promise,
    isSettled: false,
    resolve: (v) => {
      d.isSettled = true;
      resolve(v);
    },
    reject: (e) => {
      d.isSettled = true;
      reject(e);
    },
  };
  return d;
}

/** One `git fetch` of one repository: every ref asked for while it was queued. */
interface Batch {
  /** ref (or commit id) -> its commit */
  readonly refs: Map<string, Deferred<string>>;
  /** aborted when the last waiter leaves, or on timeout */
  readonly controller: AbortController;
  /** callers currently awaiting any ref of this batch */
  waiters: number;
}

/** In-memory state of one cached repository. */
class Repo {
  /** unknown for a directory found on disk that nobody asked for since start */
  url: string | undefined;
  /** serialises init, fetch and eviction of this repository */
  readonly lock = new Limiter(1);
  /** true once the bare repository exists on disk */
  isInitialized = false;
  /** operations in progress; gc never evicts while > 0 */
  users = 0;
  /** the fetch collecting refs; starts when `current` is done */
  next: Batch | undefined;
  /** the fetch running now */
  current: Batch | undefined;
  /** commits known to be present and kept (by a pin or a reflog) */
  readonly commits = new Set<string>();
  /** last operation, epoch ms */
  usedAt = 0;
  /** last time `flotilla-used` was written, epoch ms */
  touchedAt = 0;

  constructor(
    readonly hash: string,
    readonly gitDir: string,
  ) {}

  get isBusy(): boolean {
    return this.users > 0 || this.current !== undefined || this.next !== undefined || this.lock.isBusy;
  }
}

/** one ls-tree line */
interface LsEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  size: number | undefined;
  path: string;
}

/** where a path leads after symlinks: a blob, a tree or a submodule at real path `comps` */
interface Located {
  type: 'blob' | 'tree' | 'commit';
  mode: string;
  /** for the root, the commit id (ls-tree accepts it as a tree-ish) */
  oid: string;
  size: number | undefined;
  comps: string[];
}

const LS_TREE_LINE = /^(\d{6}) (blob|tree|commit) ([0-9a-f]{40}) +(-|\d+)\t([\s\S]+)$/;

function parseLsTree(out: string): LsEntry[] {
  const entries: LsEntry[] = [];
  for (const line of out.split('\0')) {
    if (line === '') continue;
    const m = LS_TREE_LINE.exec(line);
    if (!m) throw new FlotillaError('INTERNAL', `unexpected git ls-tree output: ${printable(line)}`);
    entries.push({ mode: m[1], type: m[2] as LsEntry['type'], oid: m[3], size: m[4] === '-' ? undefined : Number(m[4]), path: m[5] });
  }
  return entries;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** the cache-repo ref a fetch of `ref` lands in */
function localRef(ref: string): string {
  return isCommitId(ref) ? `refs/flotilla/pins/${ref}` : `refs/flotilla/refs/${createHash('sha1').update(ref).digest('hex')}`;
}

export class GitCache implements AsyncDisposable {
  readonly #opts: Required<Pick<GitCacheOptions, 'fetchTimeoutMs' | 'maxFileBytes' | 'maxIdleMs' | 'maxRepos' | 'gcIntervalMs'>>;
  readonly #dir: string;
  readonly #reposDir: string;
  readonly #knownHostsFile: string;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #runner: GitRunner;
  readonly #fetchLimit: Limiter;
  readonly #procLimit: Limiter;
  readonly #abort = new AbortController();
  /** by the first 32 hex digits of sha256(url) */
  readonly #repos = new Map<string, Repo>();
  /** background fetches; each settles its batch and never rejects */
  readonly #tasks = new Set<Promise<void>>();
  /** public calls in progress, awaited by stop() */
  readonly #ops = new Set<Promise<unknown>>();
  readonly #loops: Promise<void>[] = [];
  #state: State = 'idle';

  constructor(opts: GitCacheOptions) {
    this.#dir = opts.dir;
    this.#reposDir = join(opts.dir, 'repos');
    this.#knownHostsFile = opts.knownHostsFile ?? join(opts.dir, 'known_hosts');
    this.#log = opts.log;
    this.#clock = opts.clock ?? systemClock;
    this.#opts = {
      fetchTimeoutMs: opts.fetchTimeoutMs ?? 120_000,
      maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      maxIdleMs: opts.maxIdleMs ?? 30 * 86_400_000,
      maxRepos: opts.maxRepos ?? 256,
      gcIntervalMs: opts.gcIntervalMs ?? 6 * 3_600_000,
    };
    this.#fetchLimit = new Limiter(opts.fetchConcurrency ?? 4);
    this.#procLimit = new Limiter(opts.processConcurrency ?? 16);
    this.#runner = new GitRunner({
      home: join(opts.dir, 'home'),
      knownHostsFile: this.#knownHostsFile,
      sshIdentityFile: opts.sshIdentityFile,
      path: opts.path,
      onCommand: opts.onGitCommand,
    });
  }

  /** the known_hosts file ssh:// URLs are verified against */
  get knownHostsFile(): string {
    return this.#knownHostsFile;
  }

  /**
   * Creates the directories, writes the hardened git config, checks that git
   * (>= 2.29) runs, removes leftovers of an interrupted init or eviction,
   * and starts the background gc. Rejects (state 'failed') when git is
   * missing or too old. Call once.
   */
  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new IllegalStateError(`git cache is ${this.#state}`);
    try {
      await mkdir(this.#reposDir, { recursive: true, mode: 0o700 });
      await this.#runner.prepare();
      await (await open(this.#knownHostsFile, 'a', 0o600)).close();
      await this.#checkGitVersion();
      for (const name of await readdir(this.#reposDir)) {
        if (name.startsWith('.tmp-') || name.startsWith('.trash-')) await rm(join(this.#reposDir, name), { recursive: true, force: true });
      }
    } catch (err) {
      this.#setState('failed');
      throw err;
    }
    this.#setState('running');
    if (this.#opts.gcIntervalMs > 0) this.#loops.push(this.#gcLoop(this.#abort.signal));
  }

  /**
   * Aborts in-flight fetches and reads (they reject with a CANCELLED
   * ShutdownError), kills their git processes and waits for them and the gc
   * loop. Idempotent.
   */
  async stop(): Promise<void> {
    if (this.#state !== 'running') return;
    this.#setState('stopping');
    this.#abort.abort(new ShutdownError('git cache stopped'));
    await Promise.allSettled([...this.#loops, ...this.#tasks, ...this.#ops]);
    this.#setState('stopped');
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /**
   * Resolves `source.ref` (default HEAD) in `source.url` to a commit id,
   * fetching it first: a full commit id already present needs no fetch, any
   * other ref is fetched every time (shallow, only that ref). Concurrent
   * resolves of one URL share a fetch: refs asked for while a fetch runs go
   * into the next one together. The commit stays readable for as long as the
   * repository stays in the cache, whatever the ref does later.
   *
   * Rejects with INVALID_ARGUMENT (bad URL or ref, before any git runs),
   * NOT_FOUND (no such ref, commit or repository), UNAVAILABLE (retryable:
   * unreachable, timed out), PERMISSION_DENIED, FAILED_PRECONDITION (unknown
   * ssh host key, corrupt objects, ref not pointing to a commit), or the
   * signal's reason. Aborting only stops this caller's wait; the fetch is
   * killed when no caller waits for it any more. Safe to call concurrently.
   */
  async resolve(source: GitRefSource, { signal }: { signal: AbortSignal }): Promise<ResolvedCommit> {
    const url = checkUrl(source.url);
    const ref = checkRef(source.ref ?? DEFAULT_REF);
    return this.#withRepo(url, signal, async (repo, sig) => {
      if (isCommitId(ref)) {
        await this.#ensureCommit(repo, ref, sig);
        return { commit: ref };
      }
      return { commit: await this.#fetchRef(repo, ref, sig) };
    });
  }

  /**
   * The bytes of the file at `path` in `commit` of `url`, read from the object
   * database. `path` is relative ('./a//b' is 'a/b'); absolute paths, '..',
   * NUL and backslashes are INVALID_ARGUMENT. Symlinks are followed when
   * their target (resolved against the link's directory) stays inside the
   * tree, at most MAX_SYMLINK_HOPS deep; a link leading out is
   * INVALID_ARGUMENT. A commit not yet in the cache is fetched by id.
   * Rejects with NOT_FOUND naming path@commit, FAILED_PRECONDITION for a
   * directory or submodule, RESOURCE_EXHAUSTED (FileTooLargeError) above
   * maxFileBytes. Safe to call concurrently.
   */
  async readFile(url: string, commit: string, path: string, { signal }: { signal: AbortSignal }): Promise<Uint8Array> {
    const u = checkUrl(url);
    const c = checkCommit(commit);
    const comps = treePathComponents(path);
    const shown = comps.join('/');
    return this.#withRepo(u, signal, async (repo, sig) => {
      await this.#ensureCommit(repo, c, sig);
      const found = await this.#locate(repo, c, comps, shown, sig);
      const where = `${c} in ${displayUrl(u)}`;
      if (found.type === 'tree') throw new FailedPreconditionError(`'${printable(shown)}'@${where} is a directory, not a file`);
      if (found.type === 'commit') throw new FailedPreconditionError(`'${printable(shown)}'@${where} is a submodule, which the cache does not fetch`);
      const limit = this.#opts.maxFileBytes;
      if (found.size !== undefined && found.size > limit) throw new FileTooLargeError(printable(shown), found.size, limit, where);
      if (found.size === 0) return new Uint8Array(0);
      const bytes = await this.#catBlob(repo, found.oid, sig);
      if (bytes.length > limit) throw new FileTooLargeError(printable(shown), bytes.length, limit, where);
      return bytes;
    });
  }

  /**
   * The entries of directory `dir` ('' or '.' for the root) in `commit` of
   * `url`; with `recursive`, every file, symlink and submodule below it
   * (directories themselves are then not listed). Path rules and symlink
   * handling as for readFile (a symlinked directory is followed; entries
   * that are symlinks are reported, not followed). Rejects with NOT_FOUND or
   * FAILED_PRECONDITION (not a directory). Safe to call concurrently.
   */
  async listTree(
    url: string,
    commit: string,
    dir: string,
    { signal, recursive = false }: { signal: AbortSignal; recursive?: boolean },
  ): Promise<TreeEntry[]> {
    const u = checkUrl(url);
    const c = checkCommit(commit);
    const comps = treePathComponents(dir, { field: 'dir', allowRoot: true });
    const shown = comps.join('/');
    return this.#withRepo(u, signal, async (repo, sig) => {
      await this.#ensureCommit(repo, c, sig);
      const found = await this.#locate(repo, c, comps, shown, sig);
      if (found.type !== 'tree') throw new FailedPreconditionError(`'${printable(shown)}'@${c} in ${displayUrl(u)} is not a directory`);
      const out = await this.#git(repo, 'ls-tree', ['-z', '-l', ...(recursive ? ['-r'] : []), '--end-of-options', found.oid], sig);
      return parseLsTree(out).map((e): TreeEntry => {
        if (!e.path.split('/').every(isSafeEntryName)) {
          throw new FailedPreconditionError(`tree '${printable(shown)}'@${c} in ${displayUrl(u)} has an unsafe entry name '${printable(e.path)}'`);
        }
        const type = e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : e.mode === '120000' ? 'symlink' : 'file';
        const entry: TreeEntry = { name: e.path, path: shown === '' ? e.path : `${shown}/${e.path}`, type, mode: e.mode, executable: e.mode === '100755' };
        if (e.size !== undefined) entry.size = e.size;
        return entry;
      });
    });
  }

  /**
   * Removes repositories unused for longer than maxIdleMs and, beyond
   * maxRepos, the least recently used ones. A repository with an operation
   * in progress is never removed. "Used" is any resolve, read or list; it is
   * persisted as the mtime of `flotilla-used` (written at most every
   * min(1 h, maxIdleMs/4)), so idleness survives restarts. Runs every
   * gcIntervalMs in the background; safe to call concurrently with anything.
   */
  async gc({ signal }: { signal?: AbortSignal } = {}): Promise<GcResult> {
    return this.#op(signal, async (sig) => {
      const now = this.#clock.now();
      const found: Array<{ hash: string; usedAt: number }> = [];
      for (const name of await readdir(this.#reposDir)) {
        const m = /^([0-9a-f]{32})\.git$/.exec(name);
        if (!m) continue;
        const gitDir = join(this.#reposDir, name);
        const mtime = await stat(join(gitDir, 'flotilla-used')).then((s) => s.mtimeMs, () => stat(gitDir).then((s) => s.mtimeMs, () => 0));
        found.push({ hash: m[1], usedAt: Math.max(mtime, this.#repos.get(m[1])?.usedAt ?? 0) });
      }
      found.sort((a, b) => b.usedAt - a.usedAt);
      const removed: string[] = [];
      for (const [i, { hash, usedAt }] of found.entries()) {
        if (now - usedAt <= this.#opts.maxIdleMs && i < this.#opts.maxRepos) continue;
        const url = await this.#evict(hash, sig);
        if (url !== undefined) removed.push(url);
      }
      return { removed, kept: found.length - removed.length };
    });
  }

  // ---- internals ----

  #setState(state: State): void {
    this.#state = state;
    this.#log.info({ state, dir: this.#dir }, 'git cache state changed');
  }

  /** runs a public operation: checks the state, links the caller's signal to stop(), tracks it for stop() */
  #op<T>(signal: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#state !== 'running') return Promise.reject(new IllegalStateError(`git cache is ${this.#state}`));
    const sig = anySignal(signal, this.#abort.signal);
    const p = fn(sig);
    this.#ops.add(p);
    const forget = () => this.#ops.delete(p);
    p.then(forget, forget);
    return p;
  }

  #withRepo<T>(url: string, signal: AbortSignal, fn: (repo: Repo, signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.#op(signal, async (sig) => {
      const repo = this.#repo(url);
      repo.users++;
      repo.usedAt = this.#clock.now();
      try {
        await this.#ensureInit(repo, sig);
        const result = await fn(repo, sig);
        await this.#touch(repo);
        return result;
      } finally {
        repo.users--;
      }
    });
  }

  #repo(url: string): Repo {
    const hash = sha256Hex(url).slice(0, 32);
    let repo = this.#repos.get(hash);
    if (!repo) {
      repo = new Repo(hash, join(this.#reposDir, `${hash}.git`));
      this.#repos.set(hash, repo);
    }
    repo.url = url;
    return repo;
  }

  /** runs a non-fetch git command in `repo`, within the process limit */
  #git(repo: Repo, op: string, args: string[], signal: AbortSignal): Promise<string> {
    return this.#procLimit.run(() => this.#runner.run(op, args, { gitDir: repo.gitDir, signal }), signal);
  }

  async #catBlob(repo: Repo, oid: string, signal: AbortSignal): Promise<Uint8Array> {
    const buf = await this.#procLimit.run(() => this.#runner.catFileBytes(['blob', oid], { gitDir: repo.gitDir, signal }), signal);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  async #checkGitVersion(): Promise<void> {
    let out: string;
    try {
      out = await this.#runner.run('version', [], { cwd: this.#dir, signal: this.#abort.signal });
    } catch (err) {
      throw new FailedPreconditionError(`git cannot be run (it needs git and setsid on PATH; apt-get install git): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const m = /git version (\d+)\.(\d+)/.exec(out);
    const [major, minor] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    const [wantMajor, wantMinor] = MIN_GIT_VERSION;
    if (major < wantMajor || (major === wantMajor && minor < wantMinor)) {
      throw new FailedPreconditionError(`git ${wantMajor}.${wantMinor} or newer is needed, found '${out.trim()}'`);
    }
  }

  /** creates the bare repository on first use (in a temp dir, then renamed, so a crash leaves no half repo) */
  async #ensureInit(repo: Repo, signal: AbortSignal): Promise<void> {
    if (repo.isInitialized) return;
    await repo.lock.run(async () => {
      if (repo.isInitialized) return;
      const exists = await stat(join(repo.gitDir, 'HEAD')).then(() => true, () => false);
      if (!exists) {
        const tmp = join(this.#reposDir, `.tmp-${repo.hash}-${randomBytes(4).toString('hex')}`);
        try {
          await this.#runner.run('init', ['--bare', tmp], { cwd: this.#reposDir, signal });
          await writeFile(join(tmp, 'flotilla-url'), `${repo.url ?? ''}\n`);
          await rename(tmp, repo.gitDir);
        } finally {
          await rm(tmp, { recursive: true, force: true });
        }
        this.#log.info({ url: repo.url, gitDir: repo.gitDir }, 'git repository added to cache');
      }
      repo.isInitialized = true;
    }, signal);
  }

  /** writes `flotilla-used` when the last write is older than the touch interval */
  async #touch(repo: Repo): Promise<void> {
    const now = this.#clock.now();
    if (now - repo.touchedAt < Math.min(3_600_000, Math.floor(this.#opts.maxIdleMs / 4))) return;
    repo.touchedAt = now;
    const file = join(repo.gitDir, 'flotilla-used');
    try {
      await writeFile(file, '');
      await utimes(file, now / 1000, now / 1000);
    } catch (err) {
      this.#log.warn({ err, url: repo.url }, 'cannot record git repository use');
    }
  }

  async #hasCommit(repo: Repo, commit: string, signal: AbortSignal): Promise<boolean> {
    try {
      // no --quiet: simple-git waits 50 ms after a command that printed nothing, so let the miss print
      await this.#git(repo, 'rev-parse', ['--verify', '--end-of-options', `${commit}^{commit}`], signal);
      return true;
    } catch (err) {
      if (err instanceof GitCommandError) return false;
      throw err;
    }
  }

  /** makes sure `commit` is in the repository (and kept), fetching it by id when it is not */
  async #ensureCommit(repo: Repo, commit: string, signal: AbortSignal): Promise<void> {
    if (repo.commits.has(commit)) return;
    if (await this.#hasCommit(repo, commit, signal)) {
      repo.commits.add(commit);
      return;
    }
    await this.#fetchRef(repo, commit, signal);
  }

  /** the commit `ref` names after a fetch; joins the running fetch when it covers `ref`, else the next one */
  async #fetchRef(repo: Repo, ref: string, signal: AbortSignal): Promise<string> {
    const running = repo.current;
    let batch: Batch;
    if (running?.refs.has(ref) && !running.controller.signal.aborted) batch = running;
    else {
      batch = repo.next ??= { refs: new Map(), controller: new AbortController(), waiters: 0 };
      if (!batch.refs.has(ref)) batch.refs.set(ref, deferred<string>());
    }
    batch.waiters++;
    this.#pump(repo);
    try {
      return await abortable(batch.refs.get(ref)!.promise, signal);
    } finally {
      batch.waiters--;
      if (batch.waiters === 0 && [...batch.refs.values()].some((d) => !d.isSettled)) {
        batch.controller.abort(new FlotillaError('CANCELLED', 'fetch abandoned: no caller waits for it'));
      }
    }
  }

  /** starts the queued fetch of `repo` unless one is running */
  #pump(repo: Repo): void {
    if (repo.current !== undefined || repo.next === undefined) return;
    const batch = repo.next;
    repo.next = undefined;
    if (this.#abort.signal.aborted) {
      for (const d of batch.refs.values()) d.reject(this.#abort.signal.reason as Error);
      return;
    }
    repo.current = batch;
    const task = this.#runBatch(repo, batch).finally(() => {
      repo.current = undefined;
      this.#tasks.delete(task);
      this.#pump(repo);
    });
    this.#tasks.add(task);
  }

  /** runs one batch to the end; settles every deferred in it and never rejects */
  async #runBatch(repo: Repo, batch: Batch): Promise<void> {
    const signal = anySignal(batch.controller.signal, this.#abort.signal);
    try {
      await this.#fetchLimit.run(
        () =>
          repo.lock.run(async () => {
            const timer = this.#clock.setTimer(this.#opts.fetchTimeoutMs, () =>
              batch.controller.abort(new UnavailableError(`fetching from ${displayUrl(repo.url ?? repo.hash)} timed out after ${this.#opts.fetchTimeoutMs} ms`)),
            );
            try {
              await this.#fetchBatch(repo, batch, signal);
            } finally {
              timer.cancel();
            }
          }, signal),
        signal,
      );
    } catch (err) {
      const reason = signal.aborted ? (signal.reason as Error) : err instanceof Error ? err : new Error(String(err));
      for (const d of batch.refs.values()) if (!d.isSettled) d.reject(reason);
      // every waiter gets the error and decides what to log
      this.#log.debug({ err: reason, url: repo.url }, 'git fetch failed');
    }
  }

  async #fetchBatch(repo: Repo, batch: Batch, signal: AbortSignal): Promise<void> {
    const url = repo.url!;
    const todo: string[] = [];
    for (const [ref, d] of batch.refs) {
      if (isCommitId(ref) && (repo.commits.has(ref) || (await this.#hasCommit(repo, ref, signal)))) {
        repo.commits.add(ref);
        d.resolve(ref);
      } else todo.push(ref);
    }
    if (todo.length === 0) return;
    const startedAt = this.#clock.now();
    try {
      await this.#fetch(repo, url, todo, signal);
    } catch (err) {
      if (signal.aborted) throw signal.reason as Error;
      if (todo.length > 1 && isMissingRemoteRef(err)) {
        // one missing ref fails the whole fetch: fetch each on its own so the others still resolve
        for (const ref of todo) {
          try {
            await this.#fetch(repo, url, [ref], signal);
          } catch (e) {
            if (signal.aborted) throw signal.reason as Error;
            batch.refs.get(ref)!.reject(fetchError(e, url, [ref]));
          }
        }
      } else throw fetchError(err, url, todo);
    }
    for (const ref of todo) {
      const d = batch.refs.get(ref)!;
      if (d.isSettled) continue;
      try {
        d.resolve(await this.#peel(repo, url, ref, signal));
      } catch (err) {
        if (signal.aborted) throw signal.reason as Error;
        d.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
    this.#log.debug({ url, refs: todo, ms: this.#clock.now() - startedAt }, 'git fetch done');
  }

  /** `git fetch` of `refs` into their local refs: shallow, no tags, no submodules, no FETCH_HEAD */
  async #fetch(repo: Repo, url: string, refs: readonly string[], signal: AbortSignal): Promise<void> {
    const specs = refs.map((r) => `+${r}:${localRef(r)}`);
    // --verbose: git then always writes a line, which spares simple-git's 50 ms wait for silent commands
    const args = ['--no-tags', '--no-recurse-submodules', '--no-write-fetch-head', '--depth=1', '--verbose', '--end-of-options', url, ...specs];
    await this.#runner.run('fetch', args, { gitDir: repo.gitDir, signal });
  }

  /** the commit the freshly fetched local ref of `ref` points to (annotated tags peeled) */
  async #peel(repo: Repo, url: string, ref: string, signal: AbortSignal): Promise<string> {
    let out: string;
    try {
      out = await this.#git(repo, 'rev-parse', ['--verify', '--end-of-options', `${localRef(ref)}^{commit}`], signal);
    } catch (err) {
      if (err instanceof GitCommandError) throw new FailedPreconditionError(`ref '${ref}' in ${displayUrl(url)} does not point to a commit`, { cause: err });
      throw err;
    }
    const commit = out.trim();
    if (!isCommitId(commit)) throw new FlotillaError('INTERNAL', `git rev-parse printed '${printable(commit)}' for '${ref}'`);
    repo.commits.add(commit);
    return commit;
  }

  /**
   * Walks `comps` from the root of `commit`, following symlinks that stay in
   * the tree. One ls-tree call lists every prefix of the path (-t shows the
   * trees on the way), so the mode of each component is known without
   * touching a work tree.
   */
  async #locate(repo: Repo, commit: string, comps: string[], shown: string, signal: AbortSignal, hops = 0): Promise<Located> {
    if (comps.length === 0) return { type: 'tree', mode: '040000', oid: commit, size: undefined, comps };
    const where = () => `'${printable(shown)}'@${commit} in ${displayUrl(repo.url ?? repo.hash)}`;
    const prefixes = comps.map((_, i) => comps.slice(0, i + 1).join('/'));
    const out = await this.#git(repo, 'ls-tree', ['-t', '-z', '-l', '--full-tree', '--end-of-options', commit, '--', ...prefixes], signal);
    const byPath = new Map(parseLsTree(out).map((e) => [e.path, e]));
    for (let i = 0; i < comps.length; i++) {
      const e = byPath.get(prefixes[i]);
      if (!e || (i < comps.length - 1 && e.type !== 'tree' && e.mode !== '120000')) throw new NotFoundError(where());
      if (e.mode === '120000') {
        if (hops >= MAX_SYMLINK_HOPS) throw new InvalidArgumentError([{ path: 'path', message: `${where()}: more than ${MAX_SYMLINK_HOPS} symbolic links` }]);
        if ((e.size ?? 0) > MAX_LINK_TARGET_BYTES) throw new InvalidArgumentError([{ path: 'path', message: `${where()}: symlink '${printable(prefixes[i])}' has an overlong target` }]);
        const target = new TextDecoder().decode(await this.#catBlob(repo, e.oid, signal));
        const next = resolveSymlinkTarget(comps.slice(0, i), target);
        if (next === undefined) {
          throw new InvalidArgumentError([{ path: 'path', message: `${where()}: symlink '${printable(prefixes[i])}' points outside the repository tree` }]);
        }
        return this.#locate(repo, commit, [...next, ...comps.slice(i + 1)], shown, signal, hops + 1);
      }
      if (i === comps.length - 1) return { type: e.type, mode: e.mode, oid: e.oid, size: e.size, comps };
    }
    throw new NotFoundError(where());
  }

  /** removes one repository unless it is in use; returns its URL (or dir name) when removed */
  async #evict(hash: string, signal: AbortSignal): Promise<string | undefined> {
    let repo = this.#repos.get(hash);
    if (!repo) {
      repo = new Repo(hash, join(this.#reposDir, `${hash}.git`));
      this.#repos.set(hash, repo);
    }
    if (repo.isBusy) return undefined;
    const r = repo;
    const removed = await r.lock.run(async () => {
      if (r.users > 0 || r.current !== undefined || r.next !== undefined) return undefined;
      const url = r.url ?? (await readFile(join(r.gitDir, 'flotilla-url'), 'utf8').then((s) => s.trim(), () => ''));
      r.isInitialized = false;
      r.commits.clear();
      r.touchedAt = 0;
      const trash = join(this.#reposDir, `.trash-${hash}-${randomBytes(4).toString('hex')}`);
      try {
        await rename(r.gitDir, trash);
      } catch {
        return undefined;
      }
      await rm(trash, { recursive: true, force: true });
      this.#log.info({ url, gitDir: r.gitDir }, 'git repository removed from cache');
      return url === '' ? `${hash}.git` : url;
    }, signal);
    if (!r.isBusy) this.#repos.delete(hash);
    return removed;
  }

  async #gcLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.#clock.sleep(this.#opts.gcIntervalMs, signal);
      } catch {
        return;
      }
      try {
        const { removed } = await this.gc({ signal });
        if (removed.length > 0) this.#log.info({ removed: removed.length }, 'git cache gc removed repositories');
      } catch (err) {
        if (!signal.aborted) this.#log.warn({ err }, 'git cache gc failed');
      }
    }
  }
}
