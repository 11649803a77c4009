// The git subsystem's public surface: GitCache (fetch, pin commits, read
// trees) and the input checks it applies. simple-git is imported only inside
// this folder (runner.ts); other folders import from here.

export {
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_REF,
  GitCache,
  MAX_SYMLINK_HOPS,
  type GcResult,
  type GitCacheOptions,
  type GitRefSource,
  type ResolvedCommit,
  type TreeEntry,
} from './cache.js';
export { FileTooLargeError } from './errors.js';
export type { GitCommandEvent } from './runner.js';
export { checkCommit, checkRef, checkUrl, isCommitId, resolveSymlinkTarget, treePathComponents } from './source.js';
