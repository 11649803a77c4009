// Every key path Flotilla writes, in one place. Nothing else builds key
// strings. Segments are checked again here (defence in depth behind resource
// validation) so no name can escape its prefix with '/', '.' or '..'.
//
//   /flotilla/<kind>/<namespace or _>/<name>     objects (kind in lower case)
//   /flotilla/runs/<ns>/<run>/nodes/<node>       per-node run results
//   /flotilla/assign/<node>/<ns>/<run>           per-node run assignments
//   /flotilla/presence/<node>                    a live daemon (attached to its lease)
//   /flotilla/election/<name>/<lease id>         election candidates
//
// Object kinds are lower-case singular words ("run", "taskbook"), so they never
// collide with the plural/system prefixes ("runs", "assign", "presence", "election").

import { InvalidArgumentError } from '../errors.js';

export const ROOT = '/flotilla/';

/** the namespace segment of cluster-scoped objects */
export const CLUSTER_SCOPE = '_';

const SEGMENT = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const RESERVED = new Set(['runs', 'assign', 'presence', 'election']);

function segment(what: string, value: string): string {
  if (!SEGMENT.test(value)) {
    throw new InvalidArgumentError(`${what} '${value}' is not a valid key segment (lower-case DNS label)`);
  }
  return value;
}

function kindSegment(kind: string): string {
  const k = kind.toLowerCase();
  if (!/^[a-z]+$/.test(k) || RESERVED.has(k)) throw new InvalidArgumentError(`kind '${kind}' cannot be used in a key`);
  return k;
}

/** The key of one object; `namespace` undefined for cluster-scoped kinds. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  const ns = namespace === undefined ? CLUSTER_SCOPE : segment('namespace', namespace);
  return `${ROOT}${kindSegment(kind)}/${ns}/${segment('name', name)}`;
}

/**
 * The prefix of a kind's objects: all of them (namespace undefined and
 * `allNamespaces`), one namespace, or the cluster scope.
 */
export function objectPrefix(kind: string, namespace: string | undefined, allNamespaces = false): string {
  if (allNamespaces) return `${ROOT}${kindSegment(kind)}/`;
  const ns = namespace === undefined ? CLUSTER_SCOPE : segment('namespace', namespace);
  return `${ROOT}${kindSegment(kind)}/${ns}/`;
}

/** Splits an object key back into its parts, or undefined when it is not one. */
export function parseObjectKey(key: string): { kind: string; namespace: string | undefined; name: string } | undefined {
  if (!key.startsWith(ROOT)) return undefined;
  const parts = key.slice(ROOT.length).split('/');
  if (parts.length !== 3 || RESERVED.has(parts[0])) return undefined;
  const [kind, ns, name] = parts;
  return { kind, namespace: ns === CLUSTER_SCOPE ? undefined : ns, name };
}

/** every run's data: plans and per-node results */
export const RUNS_PREFIX = `${ROOT}runs/`;

export function runDataPrefix(namespace: string, run: string): string {
  return `${RUNS_PREFIX}${segment('namespace', namespace)}/${segment('run', run)}/`;
}

export function runPlanKey(namespace: string, run: string): string {
  return `${runDataPrefix(namespace, run)}plan`;
}

/** Splits a key under RUNS_PREFIX: the plan or a node's result of a run. */
export function parseRunDataKey(key: string): { namespace: string; run: string; node?: string } | undefined {
  if (!key.startsWith(RUNS_PREFIX)) return undefined;
  const parts = key.slice(RUNS_PREFIX.length).split('/');
  if (parts.length === 3 && parts[2] === 'plan') return { namespace: parts[0], run: parts[1] };
  if (parts.length === 4 && parts[2] === 'nodes') return { namespace: parts[0], run: parts[1], node: parts[3] };
  return undefined;
}

export function runResultsPrefix(namespace: string, run: string): string {
  return `${ROOT}runs/${segment('namespace', namespace)}/${segment('run', run)}/nodes/`;
}

export function runResultKey(namespace: string, run: string, node: string): string {
  return `${runResultsPrefix(namespace, run)}${segment('node', node)}`;
}

export function assignmentPrefix(node: string): string {
  return `${ROOT}assign/${segment('node', node)}/`;
}

export function assignmentKey(node: string, namespace: string, run: string): string {
  return `${assignmentPrefix(node)}${segment('namespace', namespace)}/${segment('run', run)}`;
}

/** Splits an assignment key into node, namespace and run. */
export function parseAssignmentKey(key: string): { node: string; namespace: string; run: string } | undefined {
  const prefix = `${ROOT}assign/`;
  if (!key.startsWith(prefix)) return undefined;
  const parts = key.slice(prefix.length).split('/');
  return parts.length === 3 ? { node: parts[0], namespace: parts[1], run: parts[2] } : undefined;
}

export const PRESENCE_PREFIX = `${ROOT}presence/`;

export function presenceKey(node: string): string {
  return `${PRESENCE_PREFIX}${segment('node', node)}`;
}

export function electionPrefix(name: string): string {
  return `${ROOT}election/${segment('election', name)}/`;
}

/** one candidate's key: its lease id (a decimal number) under the election's prefix */
export function electionKey(name: string, leaseId: string): string {
  if (!/^\d+$/.test(leaseId)) throw new InvalidArgumentError(`lease id '${leaseId}' is not a decimal number`);
  return `${electionPrefix(name)}${leaseId}`;
}
