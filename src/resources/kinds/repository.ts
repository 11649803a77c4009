// Repository: a git repository holding Flotilla objects (GitOps). The
// controller fetches it on an interval (or on demand), applies the YAML
// found under `path` into a namespace, prunes objects it applied before that
// are gone now, and reports the synced commit. Fetching is git/'s job; the
// URL, ref and path are checked here (git-source.ts) when it is applied.

import { array, bool, duration, object, optional, required, string, timestamp } from '../schema.js';
import { DEFAULT_GIT_REF, gitRef, gitUrl, objectName, objectRefSchema, treePath, type ObjectRef } from './common.js';
import type { ClusterConfig } from './config.js';
import type { DefaultsMeta } from './variable.js';

export interface RepositorySpec {
  /** https://, ssh:// (or user@host:path) or file:// URL, without credentials */
  url: string;
  /** branch, tag, full ref or commit to follow; default 'HEAD' (the remote's default branch) */
  ref?: string;
  /** directory inside the repository whose *.yaml / *.yml / *.json files are applied, recursively; default '.' */
  path?: string;
  /** namespace namespaced objects go to when they name none; default the Repository's own */
  namespace?: string;
  /** time between fetches; default '5m', at least '10s' */
  interval?: string;
  /** delete objects this Repository applied earlier that are no longer in it; default true */
  prune?: boolean;
  /** a Secret in the same namespace with credentials: `sshKey` (and `knownHosts`) for ssh, `token` for https */
  secretRef?: string;
}

export interface RepositoryStatus {
  /** the commit last applied */
  syncedCommit?: string;
  /** when the last sync finished (RFC 3339) */
  lastSyncAt?: string;
  /** the objects the last sync applied (what prune compares against) */
  objects?: ObjectRef[];
  /** why the last sync failed; absent after a success */
  error?: string;
}

export const repositorySpecSchema = object<RepositorySpec>({
  url: required(gitUrl()),
  ref: optional(gitRef()),
  path: optional(treePath()),
  namespace: optional(objectName('namespace')),
  interval: optional(duration({ min: '10s', max: '30d' })),
  prune: optional(bool()),
  secretRef: optional(objectName('Secret name')),
});

export const repositoryStatusSchema = object<RepositoryStatus>({
  syncedCommit: optional(string({ pattern: /^[0-9a-f]{40}([0-9a-f]{24})?$/, patternMessage: 'must be a full commit id (40 or 64 hex digits)' })),
  lastSyncAt: optional(timestamp()),
  objects: optional(array(objectRefSchema, { maxItems: 100_000 })),
  error: optional(string({ maxLength: 4096 })),
});

export interface DefaultedRepositorySpec {
  url: string;
  ref: string;
  path: string;
  /** the Repository's own namespace when `meta` was given and the spec names none */
  namespace?: string;
  interval: string;
  prune: boolean;
  secretRef?: string;
}

export function withDefaults(spec: RepositorySpec, _cluster?: ClusterConfig, meta?: DefaultsMeta): DefaultedRepositorySpec {
  const namespace = spec.namespace ?? meta?.namespace;
  return {
    url: spec.url,
    ref: spec.ref ?? DEFAULT_GIT_REF,
    path: spec.path ?? '.',
    ...(namespace !== undefined ? { namespace } : {}),
    interval: spec.interval ?? '5m',
    prune: spec.prune ?? true,
    ...(spec.secretRef !== undefined ? { secretRef: spec.secretRef } : {}),
  };
}
