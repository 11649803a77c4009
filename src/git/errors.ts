// Turns git's failures into FlotillaErrors, once, at this edge (STYLE §3).
// git runs with LC_ALL=C, so its messages are stable enough to match. Every
// message names the URL (credentials are refused before git runs, and
// displayUrl masks a password anyway) and, where it matters, the ref.

import { FlotillaError, NotFoundError, UnavailableError } from '../errors.js';
import { firstLine, GitCommandError } from './runner.js';
import { displayUrl } from './source.js';

/** A file in a tree is larger than the cache will read. */
export class FileTooLargeError extends FlotillaError {
  constructor(
    readonly path: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
    where: string,
  ) {
    super('RESOURCE_EXHAUSTED', `${path}@${where} is ${sizeBytes} bytes, more than the limit of ${limitBytes} bytes`);
  }
}

/** true when git said the remote has no such ref (only meaningful for a single-ref fetch) */
export function isMissingRemoteRef(err: unknown): boolean {
  return err instanceof GitCommandError && /couldn't find remote ref|not our ref|unadvertised object/i.test(err.stderr);
}

/**
 * The FlotillaError for a failed `git fetch` of `refs` from `url`:
 * NOT_FOUND for a missing ref, commit or repository; PERMISSION_DENIED when
 * credentials are refused; FAILED_PRECONDITION for an unknown host key or
 * objects that fail fsck; UNAVAILABLE (retryable) for everything else, which
 * is mostly the network.
 */
export function fetchError(err: unknown, url: string, refs: readonly string[]): FlotillaError {
  if (err instanceof FlotillaError) return err;
  const shown = displayUrl(url);
  if (!(err instanceof GitCommandError)) {
    return new UnavailableError(`cannot fetch ${shown}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const s = err.stderr;
  const detail = firstLine(s);
  const refList = refs.map((r) => `'${r}'`).join(', ');
  if (/couldn't find remote ref|not our ref|unadvertised object/i.test(s)) {
    const kind = refs.length === 1 && /^[0-9a-f]{40}$/.test(refs[0]) ? 'commit' : 'ref';
    return new NotFoundError(`${kind} ${refList} in ${shown}`, { cause: err });
  }
  if (/does not appear to be a git repository|repository '.*' not found|Repository not found/i.test(s)) {
    return new NotFoundError(`repository ${shown}`, { cause: err });
  }
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(s)) {
    return new FlotillaError('FAILED_PRECONDITION', `cannot fetch ${shown}: the ssh host key is not in the cache's known_hosts file (${detail})`, { cause: err });
  }
  if (/Permission denied|Authentication failed|could not read Username|could not read Password|terminal prompts disabled|HTTP 40[13]/i.test(s)) {
    return new FlotillaError('PERMISSION_DENIED', `cannot fetch ${shown}: access denied (${detail})`, { cause: err });
  }
  if (/fsck|index-pack failed|bad object|did not send all necessary objects|invalid object/i.test(s)) {
    return new FlotillaError('FAILED_PRECONDITION', `cannot fetch ${shown}: the repository content failed integrity checks (${detail})`, { cause: err });
  }
  if (/transport '.*' not allowed/i.test(s)) {
    return new FlotillaError('INVALID_ARGUMENT', `cannot fetch ${shown}: ${detail}`, { cause: err });
  }
  return new UnavailableError(`cannot fetch ${refList} from ${shown}: ${detail}`, { cause: err });
}
