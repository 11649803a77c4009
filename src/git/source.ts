// Input checks for the cache: URL, ref, commit id and paths inside a tree.
// They reuse the rules resources/ applies when an object is stored
// (gitUrlProblem, gitRefProblem, treePathProblem) and add the few this layer
// needs before anything reaches git: no option-looking ssh user/host/path, a
// commit id is 40 hex digits, a tree path becomes a list of components, and
// a symlink target is resolved lexically and must stay inside the tree.
// Everything here is pure; failures are InvalidArgumentError with the field.

import { InvalidArgumentError } from '../errors.js';
import { gitRefProblem, gitUrlProblem, treePathProblem } from '../resources/index.js';

/** A full commit id (SHA-1, lowercase). */
const COMMIT_ID = /^[0-9a-f]{40}$/;

/** true when `ref` is a full 40-hex commit id (either case) */
export function isCommitId(ref: string): boolean {
  return COMMIT_ID.test(ref.toLowerCase());
}

/** `url` for messages and logs: any password replaced (such URLs are refused anyway) */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') {
      u.password = '***';
      return u.toString();
    }
  } catch {
    // not a URL with a scheme (scp-like): it has no password part
  }
  return url.length > 300 ? `${url.slice(0, 297)}...` : url;
}

/** Throws INVALID_ARGUMENT (field `field`) unless `url` is an accepted repository URL. */
export function checkUrl(url: unknown, field = 'url'): string {
  if (typeof url !== 'string') throw new InvalidArgumentError([{ path: field, message: 'must be a string' }]);
  const problem = gitUrlProblem(url) ?? extraUrlProblem(url);
  if (problem !== undefined) throw new InvalidArgumentError([{ path: field, message: problem }]);
  return url;
}

/**
 * Checks git itself also makes (CVE-2017-1000117), repeated here so an ssh
 * user, host or path can never reach ssh as an option; and file URLs must
 * be exactly file:///path (the URL parser turns file://localhost/ into an
 * empty host, git would not).
 */
function extraUrlProblem(url: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'file') return url.startsWith('file:///') ? undefined : 'must be file:///absolute/path (no host)';
  if (scheme === undefined) {
    const at = url.indexOf('@');
    const colon = url.indexOf(':', at + 1);
    const path = url.slice(colon + 1);
    if (path.startsWith('-')) return "must not have a path starting with '-'";
    return undefined;
  }
  if (scheme !== 'ssh') return undefined;
  const u = new URL(url);
  if (u.username.startsWith('-') || u.hostname.startsWith('-')) return "must not have a user or host starting with '-'";
  if (u.hostname.includes('%') || u.username.includes('%')) return 'must not percent-encode the user or host';
  return undefined;
}

/** Throws INVALID_ARGUMENT unless `ref` is a usable ref or commit id; returns it (commit ids lowercased). */
export function checkRef(ref: unknown, field = 'ref'): string {
  if (typeof ref !== 'string') throw new InvalidArgumentError([{ path: field, message: 'must be a string' }]);
  const problem = gitRefProblem(ref);
  if (problem !== undefined) throw new InvalidArgumentError([{ path: field, message: problem }]);
  return isCommitId(ref) ? ref.toLowerCase() : ref;
}

/** Throws INVALID_ARGUMENT unless `commit` is a full commit id; returns it lowercased. */
export function checkCommit(commit: unknown, field = 'commit'): string {
  if (typeof commit !== 'string' || !isCommitId(commit)) {
    throw new InvalidArgumentError([{ path: field, message: 'must be a full 40-hex commit id' }]);
  }
  return commit.toLowerCase();
}

/**
 * The components of a path inside a tree. Refused: empty, absolute, NUL,
 * backslash, any '..' component. Empty and '.' components are dropped, so
 * `./a//b/` is `['a', 'b']`. With `allowRoot`, '' and '.' give `[]` (the root).
 */
export function treePathComponents(path: unknown, { field = 'path', allowRoot = false } = {}): string[] {
  if (typeof path !== 'string') throw new InvalidArgumentError([{ path: field, message: 'must be a string' }]);
  if (allowRoot && (path === '' || path === '.')) return [];
  const problem = treePathProblem(path);
  if (problem !== undefined) throw new InvalidArgumentError([{ path: field, message: `'${printable(path)}' ${problem}` }]);
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 && !allowRoot) throw new InvalidArgumentError([{ path: field, message: `'${printable(path)}' names the repository root, not a file` }]);
  return parts;
}

/**
 * Where a symlink found at `linkDir` (components of the directory holding
 * it) with text `target` points, as components from the tree root; or
 * undefined when it leaves the tree: an absolute target, a NUL or backslash,
 * or more '..' than there are directories above it. Resolution is lexical
 * ('a/../b' is 'b' even when 'a' is itself a link); the result is walked
 * again from the root, so links inside it are checked the same way.
 */
export function resolveSymlinkTarget(linkDir: readonly string[], target: string): string[] | undefined {
  if (target === '' || target.startsWith('/') || target.includes('\u0000') || target.includes('\\')) return undefined;
  const out = [...linkDir];
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out;
}

/** true when a name read from a tree can be a single path component */
export function isSafeEntryName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\u0000') && name.toLowerCase() !== '.git';
}

/** a path for messages: control characters replaced, at most 200 characters */
export function printable(path: string): string {
  let clean = '';
  for (const ch of path) clean += ch.charCodeAt(0) < 0x20 || ch === '\u007f' ? '?' : ch;
  return clean.length > 200 ? `${clean.slice(0, 197)}...` : clean;
}
