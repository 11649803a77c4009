// The file module: a regular file with given content and metadata, a
// directory, a symlink, or the absence of any of them at one absolute path.
//
// check() reads only: lstat, the current content (compared by size, then by
// sha256; small files are read in one go, large ones streamed once), user and
// group lookups, and the rendering of `template` / `.hbs` sources through
// ctx.render. apply() does exactly what the plan says:
// - content goes to a temp file in the same directory (O_EXCL, 0600), which
//   gets its final mode and owner, is fsynced, optionally validated (`%s` in
//   the validate command is the temp file), renamed over the path, and the
//   directory is fsynced: readers see the old file or the new one, never a mix;
// - metadata-only changes are made in place (chmod / chown / lchown);
// - missing parent directories are created with mode 0755.
// A path taken by another type (a directory where a file is wanted, ...) is
// an error, never replaced; state absent removes directories recursively.
// Rendering templates, reading the git tree and keeping secrets out of diffs
// belong to the context the executor passes in.
//
// Why some calls are synchronous: lstat, readlink, and reading a small
// regular file (up to READ_WHOLE_MAX) are done with the *Sync calls, as are
// creating, writing and renaming the temp file; only fsync (which waits for
// the disk) goes through the thread pool. On local files each of those takes
// microseconds, while an fs/promises call costs ~10x that in main-thread CPU
// plus a thread-pool round trip: checking 200 unchanged files took ~30 ms
// async and takes ~5 ms this way (bench fleet). The event loop is held for
// one file's calls at a time; loop items still interleave. Large files are
// still streamed asynchronously.

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fchmodSync, fchownSync, fstatSync, fsync, lstatSync, openSync, readSync, readlinkSync, renameSync, writeSync } from 'node:fs';
import { chmod, chown, copyFile, constants as fsConstants, lchown, link, mkdir, open, rename, rm, symlink, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, dirname, posix } from 'node:path';
import { FailedPreconditionError, FlotillaError, InvalidArgumentError } from '../errors.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { ArgReader, quoteValue } from './args.js';
import { fileDiff } from './file-diff.js';
import { resolveId, SYSTEM_ID_FILES, type IdFiles } from './ids.js';
import type { Change, Module, ModuleContext, Plan, Result } from './module.js';
import { childEnv, runProcess, SHELL, shellQuote } from './process.js';

/** the one call of a write that waits for the disk: in the thread pool, so 32 files' fsyncs overlap */
const fsyncFd = promisify(fsync);

export const FILE_STATES = ['present', 'absent', 'directory', 'link'] as const;
export type FileState = (typeof FILE_STATES)[number];

const FIELDS = ['path', 'content', 'template', 'src', 'state', 'target', 'mode', 'owner', 'group', 'backup', 'validate'] as const;

/** mode of a new file / a new directory (and of created parents) when `mode` is not given */
export const DEFAULT_FILE_MODE = 0o644;
export const DEFAULT_DIR_MODE = 0o755;
/** files up to this size are read whole (and kept for a diff); larger ones are streamed through the hash */
const READ_WHOLE_MAX = 1024 * 1024;
/** loop items of one file step written at once (distinct paths only; see Module.concurrency) */
export const FILE_ITEM_CONCURRENCY = 32;
const VALIDATE_OUTPUT_BYTES = 64 * 1024;

export type FileSource =
  | { readonly kind: 'content'; readonly text: string }
  | { readonly kind: 'template'; readonly text: string }
  | { readonly kind: 'src'; readonly path: string };

export interface FileParams {
  /** field path of the args, for messages and template names */
  readonly at: string;
  readonly path: string;
  readonly state: FileState;
  /** state present: where the content comes from */
  readonly source?: FileSource;
  /** state link: where the link points (relative or absolute) */
  readonly target?: string;
  /** permission bits, 0..0o7777 */
  readonly mode?: number;
  /** user / group as written: a name or a decimal id */
  readonly owner?: string;
  readonly group?: string;
  readonly backup: boolean;
  /** shell command; `%s` is the temp file's path */
  readonly validate?: string;
}

type NodeType = 'file' | 'directory' | 'link' | 'other';

interface Current {
  readonly type: NodeType;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly target?: string;
}

/** What apply does; `undefined` owner ids mean "leave as they are". */
export interface FilePlanData {
  readonly path: string;
  readonly state: FileState;
  /** the type at the path when check ran */
  readonly current?: NodeType;
  /** missing ancestors to create, outermost first */
  readonly parents: readonly string[];
  /** present: write `content` through a temp file */
  readonly write: boolean;
  readonly content?: Buffer;
  readonly sha256?: string;
  readonly size?: number;
  /** present / directory: the mode after apply */
  readonly mode?: number;
  /** chmod in place (metadata-only change) */
  readonly setMode: boolean;
  /** owner after apply; set on the temp file, or in place when setOwner */
  readonly uid?: number;
  readonly gid?: number;
  readonly setOwner: boolean;
  readonly backup: boolean;
  readonly validate?: string;
  /** link: (re)create the link */
  readonly relink: boolean;
  readonly target?: string;
}

export interface FileModuleOptions {
  /** for backup names; default the system clock */
  readonly clock?: Clock;
  /** where user and group names are looked up; default /etc/passwd and /etc/group */
  readonly idFiles?: IdFiles;
}

/** Why `p` is not an absolute, normalized path, or undefined. */
export function pathProblem(p: string): string | undefined {
  if (p.includes('\u0000')) return 'must not contain NUL';
  if (!p.startsWith('/')) return `must be an absolute path (got ${quoteValue(p)})`;
  if (p === '/') return "must not be '/'";
  const segments = p.split('/').slice(1);
  if (segments.includes('..')) return `must not contain '..' segments (got ${quoteValue(p)}; a variable may have put it there)`;
  if (p.includes('//')) return `must not contain '//' (got ${quoteValue(p)})`;
  if (p.endsWith('/')) return `must not end with '/' (got ${quoteValue(p)})`;
  if (segments.includes('.')) return `must not contain '.' segments (got ${quoteValue(p)})`;
  return undefined;
}

function modeProblem(m: string): string | undefined {
  if (/^[0-7]{3,4}$/.test(m)) return undefined;
  return m.includes('{{') ? `${quoteValue(m)} is an unrendered template` : `${quoteValue(m)} is not an octal mode (write it like '0644')`;
}

/** Why `p` is not a path inside a git tree, or undefined. */
function treePathProblem(p: string): string | undefined {
  if (p.includes('\u0000')) return 'must not contain NUL';
  if (p.includes('\\')) return "must not contain '\\'";
  if (p.startsWith('/')) return 'must be relative to the root of the TaskBook\'s git tree';
  if (p.split('/').includes('..')) return `must not contain '..' segments (got ${quoteValue(p)})`;
  return undefined;
}

export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

function nodeType(s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): NodeType {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isSymbolicLink()) return 'link';
  return 'other';
}

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** for state absent: a parent that is not a directory means nothing can be at the path */
function absentIfParentNotDir(err: unknown): undefined {
  if (err instanceof FailedPreconditionError && errno(err.cause) === 'ENOTDIR') return undefined;
  throw err;
}

/** lstat (synchronous, see the top); async so that its errors reach callers as rejections */
async function inspect(path: string, at: string): Promise<Current | undefined> {
  let s;
  try {
    s = lstatSync(path);
  } catch (err) {
    if (errno(err) === 'ENOENT') return undefined;
    if (errno(err) === 'ENOTDIR') throw new FailedPreconditionError(`${at}.path: a parent of ${path} is not a directory`, { cause: err });
    throw err;
  }
  const type = nodeType(s);
  return {
    type,
    mode: s.mode & 0o7777,
    uid: s.uid,
    gid: s.gid,
    size: s.size,
    ...(type === 'link' ? { target: readlinkSync(path) } : {}),
  };
}

/** missing ancestors of `path`, outermost first */
async function missingParents(path: string, at: string): Promise<string[]> {
  const missing: string[] = [];
  for (let dir = dirname(path); dir !== '/'; dir = dirname(dir)) {
    const cur = await inspect(dir, at);
    if (cur === undefined) {
      missing.unshift(dir);
      continue;
    }
    if (cur.type === 'directory') break;
    if (cur.type === 'link') {
      // a link to a directory is a usable parent; mkdir would fail on anything else
      try {
        const target = await open(dir, 'r');
        const st = await target.stat();
        await target.close();
        if (st.isDirectory()) break;
      } catch {
        // dangling link
      }
    }
    throw new FailedPreconditionError(`${at}.path: ${dir} (a parent of ${path}) is a ${cur.type === 'link' ? 'link that does not lead to a directory' : cur.type}, not a directory`);
  }
  return missing;
}

/** flags for reading what lstat said is a regular file: no following a symlink swapped in, no blocking on a FIFO, no terminal */
const READ_FLAGS = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK | fsConstants.O_NOCTTY;

/**
 * sha256 of the file; its bytes too when it is small enough to read whole
 * (synchronously, see the top), else streamed.
 */
async function hashFile(path: string, size: number): Promise<{ sha256: string; bytes?: Buffer }> {
  if (size <= READ_WHOLE_MAX) {
    const fd = openSync(path, READ_FLAGS);
    try {
      if (!fstatSync(fd).isFile()) throw new FailedPreconditionError(`${path} changed while it was being read`);
      let buf = Buffer.allocUnsafe(size + 1);
      let n = 0;
      // a regular file answers a read in full unless it ends first: a short read is the end
      for (;;) {
        const want = buf.length - n;
        const bytesRead = readSync(fd, buf, n, want, n);
        n += bytesRead;
        if (bytesRead < want) break;
        buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      }
      const bytes = buf.subarray(0, n);
      return { sha256: sha256(bytes), bytes };
    } finally {
      closeSync(fd);
    }
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream('', { fd: openSync(path, READ_FLAGS), highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex') };
}

async function readSmall(path: string, size: number): Promise<Buffer | undefined> {
  if (size > READ_WHOLE_MAX) return undefined;
  return (await hashFile(path, size)).bytes;
}

async function syncDirNow(dir: string): Promise<void> {
  const fh = await open(dir, fsConstants.O_RDONLY | fsConstants.O_DIRECTORY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

interface DirSync {
  running: Promise<void>;
  /** the fsync that starts when `running` ends, shared by everyone who asked meanwhile */
  next?: Promise<void>;
}
const dirSyncs = new Map<string, DirSync>();

/**
 * fsync of a directory after an entry in it changed, shared like a group
 * commit: a caller gets an fsync that started after its call, but callers
 * that arrive while one runs share the single next one. 200 files renamed
 * into one directory by a loop cost a handful of directory fsyncs, not 200.
 */
function fsyncDir(dir: string): Promise<void> {
  const cur = dirSyncs.get(dir);
  if (!cur) return startDirSync(dir);
  // the running one may have started before the caller's change
  cur.next ??= cur.running.catch(() => undefined).then(() => startDirSync(dir));
  return cur.next;
}

function startDirSync(dir: string): Promise<void> {
  const entry: DirSync = { running: Promise.resolve() };
  entry.running = syncDirNow(dir).finally(() => {
    if (dirSyncs.get(dir) === entry && entry.next === undefined) dirSyncs.delete(dir);
  });
  dirSyncs.set(dir, entry);
  return entry.running;
}

/** UTC `YYYYMMDDTHHMMSS` */
export function backupStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replaceAll('-', '').replaceAll(':', '');
}

function tempName(path: string): string {
  const base = basename(path).slice(0, 180);
  return `${dirname(path)}/.${base}.${randomBytes(6).toString('hex')}.flotilla-tmp`;
}

const NO_IDS: { uid?: number; gid?: number } = {};

function isRoot(): boolean {
  return process.geteuid?.() === 0;
}

function permissionDenied(message: string, cause?: unknown): FlotillaError {
  return new FlotillaError('PERMISSION_DENIED', message, cause === undefined ? {} : { cause });
}

/** A Node fs error as a FlotillaError naming the step's path; FlotillaErrors pass through. */
function fsError(err: unknown, at: string, path: string): unknown {
  if (err instanceof FlotillaError || !(err instanceof Error)) return err;
  const code = errno(err);
  if (code === undefined) return err;
  const message = `${at}.path: ${path}: ${err.message}`;
  if (code === 'EACCES' || code === 'EPERM') return new FlotillaError('PERMISSION_DENIED', message, { cause: err });
  if (code === 'ENOSPC' || code === 'EDQUOT') return new FlotillaError('RESOURCE_EXHAUSTED', message, { cause: err, retryable: true });
  if (code === 'EROFS' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG') return new FailedPreconditionError(message, { cause: err });
  return new FlotillaError('INTERNAL', message, { cause: err });
}

/** Builds the file module; `fileModule` is the one with system defaults. */
export function createFileModule(opts: FileModuleOptions = {}): Module<FileParams, FilePlanData> {
  const clock = opts.clock ?? systemClock;
  const idFiles = opts.idFiles ?? SYSTEM_ID_FILES;

  async function resolveOwner(p: FileParams, signal: AbortSignal): Promise<{ uid?: number; gid?: number }> {
    const [uid, gid] = await Promise.all([
      p.owner === undefined ? undefined : resolveId('user', p.owner, signal, idFiles),
      p.group === undefined ? undefined : resolveId('group', p.group, signal, idFiles),
    ]);
    const issues = [];
    if (p.owner !== undefined && uid === undefined) issues.push({ path: `${p.at}.owner`, message: `no user ${quoteValue(p.owner)} on this node` });
    if (p.group !== undefined && gid === undefined) issues.push({ path: `${p.at}.group`, message: `no group ${quoteValue(p.group)} on this node` });
    if (issues.length > 0) throw new InvalidArgumentError(issues);
    return { uid, gid };
  }

  /** owner / group changes for a node that exists (cur) or is created (uid/gid of this process) */
  function ownerChanges(p: FileParams, cur: Current | undefined, uid: number | undefined, gid: number | undefined, changes: Change[]): boolean {
    const curUid = cur?.uid ?? process.geteuid?.() ?? 0;
    const curGid = cur?.gid ?? process.getegid?.() ?? 0;
    let changed = false;
    if (uid !== undefined && uid !== curUid) {
      if (!isRoot()) throw permissionDenied(`${p.at}.owner: changing the owner of ${p.path} to ${quoteValue(p.owner!)} requires root (running as uid ${process.geteuid?.() ?? '?'})`);
      changes.push({ what: `owner ${curUid} -> ${uid}`, from: String(curUid), to: String(uid) });
      changed = true;
    }
    if (gid !== undefined && gid !== curGid) {
      if (!isRoot() && !(process.getgroups?.() ?? []).includes(gid)) {
        throw permissionDenied(`${p.at}.group: changing the group of ${p.path} to ${quoteValue(p.group!)} requires root or membership of that group`);
      }
      changes.push({ what: `group ${curGid} -> ${gid}`, from: String(curGid), to: String(gid) });
      changed = true;
    }
    return changed;
  }

  async function desiredContent(p: FileParams, ctx: ModuleContext): Promise<Buffer> {
    const src = p.source!;
    if (src.kind === 'content') return Buffer.from(src.text, 'utf8');
    if (src.kind === 'template') return Buffer.from(ctx.render(src.text, `${p.at}.template`), 'utf8');
    if (ctx.readSource === undefined) {
      throw new FailedPreconditionError(`${p.at}.src: src needs a TaskBook from git (this step has no git tree to read ${quoteValue(src.path)} from)`);
    }
    const bytes = await ctx.readSource(src.path);
    if (src.path.endsWith('.hbs')) return Buffer.from(ctx.render(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), src.path), 'utf8');
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  function wrongType(p: FileParams, cur: Current, wanted: string): FailedPreconditionError {
    return new FailedPreconditionError(`${p.at}.path: ${p.path} is a ${cur.type === 'other' ? 'special file' : cur.type}, not ${wanted}; remove it first (state: absent)`);
  }

  const base = (p: FileParams, cur: Current | undefined): Omit<FilePlanData, 'parents' | 'write' | 'setMode' | 'setOwner' | 'backup' | 'relink'> => ({
    path: p.path,
    state: p.state,
    ...(cur ? { current: cur.type } : {}),
  });

  async function checkPresent(
    p: FileParams,
    ctx: ModuleContext,
    cur: Current | undefined,
    uid: number | undefined,
    gid: number | undefined,
    content: Buffer,
  ): Promise<Plan<FilePlanData>> {
    if (cur && cur.type !== 'file') throw wrongType(p, cur, 'a regular file');
    const sha = sha256(content);
    const changes: Change[] = [];
    let same = false;
    let oldBytes: Buffer | undefined;
    if (cur && cur.size === content.length) {
      const h = await hashFile(p.path, cur.size);
      same = h.sha256 === sha;
      oldBytes = h.bytes;
    }
    const parents = cur ? [] : await missingParents(p.path, p.at);
    if (parents.length > 0) changes.push({ what: `create parent directories ${parents.join(', ')}`, to: parents.join(',') });
    const mode = p.mode ?? cur?.mode ?? DEFAULT_FILE_MODE;
    if (!cur) changes.push({ what: `create file (${content.length} bytes, mode ${formatMode(mode)})`, to: sha });
    else if (!same) changes.push({ what: `content (${cur.size} -> ${content.length} bytes)`, to: sha });
    const setMode = cur !== undefined && cur.mode !== mode;
    if (setMode) changes.push({ what: `mode ${formatMode(cur.mode)} -> ${formatMode(mode)}`, from: formatMode(cur.mode), to: formatMode(mode) });
    const setOwner = ownerChanges(p, cur, uid, gid, changes);
    const write = !cur || !same;
    const backup = p.backup && cur !== undefined && write;
    if (backup) changes.push({ what: 'keep the previous file as a backup' });
    let diff: string | undefined;
    if (ctx.diff && write) {
      if (!cur) diff = fileDiff(p.path, undefined, content);
      else {
        oldBytes ??= cur.size <= READ_WHOLE_MAX ? (await hashFile(p.path, cur.size)).bytes : undefined;
        diff = oldBytes === undefined ? fileDiff(p.path, undefined, content, cur.size) : fileDiff(p.path, oldBytes, content);
      }
    }
    return {
      changes,
      ...(diff !== undefined ? { diff } : {}),
      data: {
        ...base(p, cur),
        parents,
        write,
        ...(write ? { content } : {}),
        sha256: sha,
        size: content.length,
        mode,
        setMode,
        // a rewrite keeps the current owner unless one is asked for
        ...((uid ?? cur?.uid) !== undefined ? { uid: uid ?? cur?.uid } : {}),
        ...((gid ?? cur?.gid) !== undefined ? { gid: gid ?? cur?.gid } : {}),
        setOwner,
        backup,
        ...(p.validate !== undefined ? { validate: p.validate } : {}),
        relink: false,
      },
    };
  }

  async function checkDirectory(p: FileParams, cur: Current | undefined, uid: number | undefined, gid: number | undefined): Promise<Plan<FilePlanData>> {
    if (cur && cur.type !== 'directory') throw wrongType(p, cur, 'a directory');
    const changes: Change[] = [];
    const parents = cur ? [] : await missingParents(p.path, p.at);
    if (parents.length > 0) changes.push({ what: `create parent directories ${parents.join(', ')}`, to: parents.join(',') });
    const mode = p.mode ?? cur?.mode ?? DEFAULT_DIR_MODE;
    if (!cur) changes.push({ what: `create directory (mode ${formatMode(mode)})` });
    const setMode = cur !== undefined && cur.mode !== mode;
    if (setMode) changes.push({ what: `mode ${formatMode(cur.mode)} -> ${formatMode(mode)}`, from: formatMode(cur.mode), to: formatMode(mode) });
    const setOwner = ownerChanges(p, cur, uid, gid, changes);
    return {
      changes,
      data: {
        ...base(p, cur),
        parents,
        write: false,
        mode,
        setMode,
        ...(uid !== undefined ? { uid } : {}),
        ...(gid !== undefined ? { gid } : {}),
        setOwner,
        backup: false,
        relink: false,
      },
    };
  }

  async function checkLink(p: FileParams, cur: Current | undefined, uid: number | undefined, gid: number | undefined): Promise<Plan<FilePlanData>> {
    if (cur && cur.type !== 'link') throw wrongType(p, cur, 'a symlink');
    const target = p.target!;
    const changes: Change[] = [];
    const parents = cur ? [] : await missingParents(p.path, p.at);
    if (parents.length > 0) changes.push({ what: `create parent directories ${parents.join(', ')}`, to: parents.join(',') });
    if (!cur) changes.push({ what: `create link -> ${target}`, to: target });
    else if (cur.target !== target) changes.push({ what: `link target ${cur.target ?? '?'} -> ${target}`, ...(cur.target !== undefined ? { from: cur.target } : {}), to: target });
    const relink = !cur || cur.target !== target;
    const setOwner = ownerChanges(p, cur, uid, gid, changes);
    return {
      changes,
      data: {
        ...base(p, cur),
        parents,
        write: false,
        setMode: false,
        ...(uid !== undefined ? { uid } : {}),
        ...(gid !== undefined ? { gid } : {}),
        setOwner,
        backup: false,
        relink,
        target,
      },
    };
  }

  async function checkAbsent(p: FileParams, ctx: ModuleContext, cur: Current | undefined): Promise<Plan<FilePlanData>> {
    const changes: Change[] = [];
    let diff: string | undefined;
    if (cur) {
      changes.push({ what: cur.type === 'directory' ? 'remove directory (with everything in it)' : `remove ${cur.type === 'other' ? 'special file' : cur.type}`, from: cur.type });
      if (ctx.diff && cur.type === 'file') {
        const old = await readSmall(p.path, cur.size);
        diff = old === undefined ? `--- a${p.path}\n+++ /dev/null\n(removed: ${cur.size} bytes)\n` : fileDiff(p.path, old, undefined);
      }
    }
    return {
      changes,
      ...(diff !== undefined ? { diff } : {}),
      data: { ...base(p, cur), parents: [], write: false, setMode: false, setOwner: false, backup: false, relink: false },
    };
  }

  async function makeParents(parents: readonly string[]): Promise<void> {
    for (const dir of parents) {
      try {
        await mkdir(dir, DEFAULT_DIR_MODE);
      } catch (err) {
        if (errno(err) !== 'EEXIST') throw err;
        continue;
      }
      await chmod(dir, DEFAULT_DIR_MODE);
    }
  }

  async function keepBackup(path: string): Promise<string> {
    const stamp = backupStamp(clock.now());
    for (let n = 0; n < 100; n++) {
      const name = n === 0 ? `${path}.${stamp}~` : `${path}.${stamp}.${n}~`;
      try {
        await link(path, name);
        return name;
      } catch (err) {
        if (errno(err) === 'EEXIST') continue;
        await copyFile(path, name, fsConstants.COPYFILE_EXCL);
        return name;
      }
    }
    throw new FailedPreconditionError(`cannot find a free backup name for ${path}`);
  }

  async function validateTemp(d: FilePlanData, tmp: string, ctx: ModuleContext): Promise<Result | undefined> {
    const cmd = d.validate!.replaceAll('%s', shellQuote(tmp));
    const out = await runProcess({ argv: [SHELL, '-c', cmd], cwd: '/', env: childEnv(ctx), signal: ctx.signal, maxOutputBytes: VALIDATE_OUTPUT_BYTES, clock });
    if (out.rc === 0) return undefined;
    return {
      changed: d.parents.length > 0,
      failed: true,
      rc: out.rc,
      stdout: out.stdout,
      stderr: out.stderr,
      message: `validate failed (${out.spawnError ?? `exit code ${out.rc}`}); ${d.path} left untouched`,
      data: { path: d.path, validated: false, rc: out.rc },
    };
  }

  /** temp file + fchmod/fchown + fsync + validate + rename + fsync(dir); a failed validate returns its Result */
  async function writeAtomically(d: FilePlanData, ctx: ModuleContext): Promise<{ failed?: Result; backup?: string }> {
    const tmp = tempName(d.path);
    const fd = openSync(tmp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW, 0o600);
    let renamed = false;
    try {
      try {
        const content = d.content!;
        for (let off = 0; off < content.length; ) off += writeSync(fd, content, off, content.length - off);
        if (d.uid !== undefined || d.gid !== undefined) {
          try {
            fchownSync(fd, d.uid ?? -1, d.gid ?? -1);
          } catch (err) {
            if (errno(err) === 'EPERM') throw permissionDenied(`cannot give ${d.path} owner ${d.uid ?? '-'} / group ${d.gid ?? '-'}: requires root`, err);
            throw err;
          }
        }
        fchmodSync(fd, d.mode ?? DEFAULT_FILE_MODE);
        await fsyncFd(fd);
      } finally {
        closeSync(fd);
      }
      if (d.validate !== undefined) {
        const failed = await validateTemp(d, tmp, ctx);
        if (failed) return { failed };
      }
      ctx.signal.throwIfAborted();
      const backup = d.backup && d.current === 'file' ? await keepBackup(d.path) : undefined;
      renameSync(tmp, d.path);
      renamed = true;
      await fsyncDir(dirname(d.path));
      return backup !== undefined ? { backup } : {};
    } finally {
      if (!renamed) await unlink(tmp).catch(() => undefined);
    }
  }

  async function setOwnerOf(d: FilePlanData, lchownIt: boolean): Promise<void> {
    try {
      await (lchownIt ? lchown : chown)(d.path, d.uid ?? -1, d.gid ?? -1);
    } catch (err) {
      if (errno(err) === 'EPERM') throw permissionDenied(`cannot change the owner of ${d.path}: requires root`, err);
      throw err;
    }
  }

  function resultData(d: FilePlanData, changed: boolean): Record<string, unknown> {
    return {
      path: d.path,
      state: d.state,
      changed,
      ...(d.sha256 !== undefined ? { sha256: d.sha256, size: d.size } : {}),
      ...(d.mode !== undefined && d.state !== 'absent' ? { mode: formatMode(d.mode) } : {}),
      ...(d.target !== undefined ? { target: d.target } : {}),
    };
  }

  return {
    kind: 'file',
    rawFields: ['content', 'template'],
    // 200 files from one loop: their fsyncs overlap instead of queueing one by one
    concurrency: { limit: FILE_ITEM_CONCURRENCY, key: (p) => posix.normalize(p.path).replace(/(.)\/+$/, '$1') },

    parse(raw, at) {
      const r = new ArgReader(raw, at, FIELDS);
      const path = r.string('path', { required: true, maxLength: 4096, check: pathProblem });
      const state = r.oneOf('state', FILE_STATES) ?? (r.has('state') ? undefined : 'present');
      const content = r.string('content', { allowEmpty: true, maxLength: 64 * 1024 * 1024 });
      const template = r.string('template', { allowEmpty: true, maxLength: 64 * 1024 * 1024 });
      const src = r.string('src', { maxLength: 4096, check: treePathProblem });
      const target = r.string('target', { maxLength: 4096, check: (t) => (t.includes('\u0000') ? 'must not contain NUL' : undefined) });
      const modeText =
        typeof r.raw('mode') === 'number'
          ? (r.add('mode', `must be a quoted octal string such as '0644' (got the number ${String(r.raw('mode'))})`), undefined)
          : r.string('mode', { maxLength: 16, check: modeProblem });
      const owner = r.id('owner', 'user');
      const group = r.id('group', 'group');
      const backup = r.bool('backup');
      const validate = r.string('validate', { maxLength: 65_536, check: (v) => (v.includes('%s') ? undefined : "must contain %s (replaced by the temp file's path)") });

      const sources = (['content', 'template', 'src'] as const).filter((k) => r.has(k));
      if (state === 'present' || state === undefined) {
        if (sources.length > 1) r.add(sources[1], `must have exactly one of: content, template, src (found ${sources.join(' and ')})`);
        else if (sources.length === 0 && state === 'present') r.issues.push({ path: at, message: 'must have exactly one of: content, template, src (or a state other than present)' });
      } else {
        for (const k of sources) r.add(k, `is not allowed with state ${state}`);
        const notAllowed = state === 'absent' ? ['mode', 'owner', 'group', 'backup', 'validate'] : state === 'link' ? ['mode', 'backup', 'validate'] : ['backup', 'validate'];
        for (const k of notAllowed) if (r.has(k)) r.add(k, `is not allowed with state ${state}${k === 'mode' && state === 'link' ? ' (a symlink has no mode of its own)' : ''}`);
      }
      if (state === 'link' && !r.has('target')) r.add('target', 'is required when state is link');
      if (state !== undefined && state !== 'link' && r.has('target')) r.add('target', 'is allowed only with state link');
      r.done();

      const source: FileSource | undefined =
        content !== undefined ? { kind: 'content', text: content } : template !== undefined ? { kind: 'template', text: template } : src !== undefined ? { kind: 'src', path: src } : undefined;
      return {
        at,
        path: path!,
        state: state!,
        ...(source ? { source } : {}),
        ...(target !== undefined ? { target } : {}),
        ...(modeText !== undefined ? { mode: parseInt(modeText, 8) } : {}),
        ...(owner !== undefined ? { owner } : {}),
        ...(group !== undefined ? { group } : {}),
        backup: backup ?? false,
        ...(validate !== undefined ? { validate } : {}),
      };
    },

    async check(p, ctx) {
      try {
        return await checkAny(p, ctx);
      } catch (err) {
        throw fsError(err, p.at, p.path);
      }
    },

    async apply(p, plan, ctx) {
      try {
        return await applyPlan(plan, ctx);
      } catch (err) {
        throw fsError(err, p.at, p.path);
      }
    },

    unchanged(_p, plan, ctx) {
      const wouldChange = ctx.check && plan.changes.length > 0;
      return {
        changed: wouldChange,
        failed: false,
        message: wouldChange ? `would change: ${plan.changes.map((c) => c.what).join('; ')}` : 'unchanged',
        ...(plan.diff !== undefined ? { diff: plan.diff } : {}),
        data: resultData(plan.data, wouldChange),
      };
    },
  };

  async function checkAny(p: FileParams, ctx: ModuleContext): Promise<Plan<FilePlanData>> {
    ctx.signal.throwIfAborted();
    const ids = p.owner !== undefined || p.group !== undefined ? resolveOwner(p, ctx.signal) : Promise.resolve(NO_IDS);
    if (p.state === 'present') {
      const [cur, o, content] = await Promise.all([inspect(p.path, p.at), ids, desiredContent(p, ctx)]);
      return await checkPresent(p, ctx, cur, o.uid, o.gid, content);
    }
    const [cur, o] = await Promise.all([p.state === 'absent' ? inspect(p.path, p.at).catch(absentIfParentNotDir) : inspect(p.path, p.at), ids]);
    switch (p.state) {
      case 'directory':
        return checkDirectory(p, cur, o.uid, o.gid);
      case 'link':
        return checkLink(p, cur, o.uid, o.gid);
      case 'absent':
        return checkAbsent(p, ctx, cur);
    }
  }

  async function applyPlan(plan: Plan<FilePlanData>, ctx: ModuleContext): Promise<Result> {
    ctx.signal.throwIfAborted();
    const d = plan.data;
    const changed = plan.changes.length > 0;
    let message = changed ? plan.changes.map((c) => c.what).join('; ') : 'unchanged';
    if (!changed) return { changed: false, failed: false, message, data: resultData(d, false) };
    await makeParents(d.parents);
    switch (d.state) {
      case 'present': {
        if (d.write) {
          const w = await writeAtomically(d, ctx);
          if (w.failed) return { ...w.failed, ...(plan.diff !== undefined ? { diff: plan.diff } : {}) };
          if (w.backup !== undefined) message += ` (backup ${w.backup})`;
        } else {
          if (d.setOwner) await setOwnerOf(d, false);
          if (d.setMode) await chmod(d.path, d.mode!);
        }
        break;
      }
      case 'directory':
        if (d.current === undefined) {
          try {
            await mkdir(d.path, d.mode);
          } catch (err) {
            if (errno(err) !== 'EEXIST') throw err;
          }
          await chmod(d.path, d.mode!);
          if (d.setOwner) await setOwnerOf(d, false);
          await fsyncDir(dirname(d.path));
        } else {
          if (d.setOwner) await setOwnerOf(d, false);
          if (d.setMode) await chmod(d.path, d.mode!);
        }
        break;
      case 'link':
        if (d.relink) {
          const tmp = tempName(d.path);
          await symlink(d.target!, tmp);
          try {
            await rename(tmp, d.path);
          } catch (err) {
            await unlink(tmp).catch(() => undefined);
            throw err;
          }
          await fsyncDir(dirname(d.path));
        }
        if (d.setOwner) await setOwnerOf(d, true);
        break;
      case 'absent':
        await rm(d.path, { recursive: d.current === 'directory', force: true });
        await fsyncDir(dirname(d.path));
        break;
    }
    return { changed: true, failed: false, message, ...(plan.diff !== undefined ? { diff: plan.diff } : {}), data: resultData(d, true) };
  }

}

export const fileModule = createFileModule();
