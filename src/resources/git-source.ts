// The checks a git source (a Repository, or a TaskBook include) must pass
// before anything is fetched: the URL scheme, the ref name and the path inside
// the tree. They run when an object is applied, so a bad source fails with a
// field path instead of a git error later. Fetching, pinning and reading trees
// belong to git/.

/** true when `s` holds a space or an ASCII control character */
function hasControlOrSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * Why `ref` is not a usable git ref (branch, tag, full ref such as
 * `refs/heads/main`, or a commit id), or undefined. Follows
 * git-check-ref-format(1), and also refuses a leading '-' so a ref can never
 * be read as an option.
 */
export function gitRefProblem(ref: string): string | undefined {
  if (ref.length === 0) return 'must not be empty';
  if (ref.length > 255) return 'must be at most 255 characters';
  if (ref.startsWith('-')) return "must not start with '-'";
  if (ref === '@') return "must not be '@'";
  if (hasControlOrSpace(ref)) return 'must not contain spaces or control characters';
  const bad = /[~^:?*[\\]/.exec(ref);
  if (bad) return `must not contain '${bad[0]}'`;
  if (ref.includes('..')) return "must not contain '..'";
  if (ref.includes('@{')) return "must not contain '@{'";
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) return "must not start or end with '/' or contain '//'";
  if (ref.endsWith('.')) return "must not end with '.'";
  for (const part of ref.split('/')) {
    if (part.startsWith('.')) return "must not have a component starting with '.'";
    if (part.endsWith('.lock')) return "must not have a component ending with '.lock'";
  }
  return undefined;
}

const SCP_LIKE = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9][A-Za-z0-9.-]*):([^/].*|\/.+)$/;

/**
 * Why `url` is not an accepted repository URL, or undefined. Accepted:
 * `https://host/path`, `ssh://[user@]host[:port]/path`, the scp-like
 * `user@host:path`, and `file:///absolute/path`. Refused: plain http and git://
 * (the network is untrusted), credentials in the URL (use a Secret), and
 * anything that could be read as an option.
 */
export function gitUrlProblem(url: string): string | undefined {
  const expected = "must be an https://, ssh:// (or user@host:path) or file:// URL";
  if (url.length === 0) return 'must not be empty';
  if (url.length > 2048) return 'must be at most 2048 characters';
  if (hasControlOrSpace(url)) return 'must not contain spaces or control characters';
  if (url.startsWith('-')) return "must not start with '-'";
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (url.includes('::')) return expected;
    return SCP_LIKE.test(url) ? undefined : expected;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `is not a valid URL; ${expected}`;
  }
  switch (scheme) {
    case 'https':
    case 'ssh':
      if (parsed.hostname === '') return 'must name a host';
      if (parsed.password !== '' || (scheme === 'https' && parsed.username !== '')) {
        return 'must not embed credentials (keep them in a Secret)';
      }
      if (parsed.pathname === '' || parsed.pathname === '/') return 'must name a repository path';
      return undefined;
    case 'file':
      if (parsed.hostname !== '') return "must be file:///absolute/path (no host)";
      if (parsed.pathname === '/' ) return 'must name a repository path';
      return undefined;
    case 'http':
      return 'must use https, not http (the network is untrusted)';
    default:
      return expected;
  }
}

/**
 * Why `path` is not a relative path inside a repository tree, or undefined.
 * Absolute paths, '..' components, backslashes and NUL are refused, so no
 * path can escape the tree. '.' names the root.
 */
export function treePathProblem(path: string): string | undefined {
  if (path.length === 0) return 'must not be empty';
  if (path.length > 4096) return 'must be at most 4096 characters';
  if (path.includes('\u0000')) return 'must not contain NUL';
  if (path.includes('\\')) return "must not contain '\\'";
  if (path.startsWith('/')) return 'must be relative to the repository root';
  if (path.split('/').includes('..')) return "must not contain '..' components";
  return undefined;
}
