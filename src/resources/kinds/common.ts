// Spec pieces several kinds share: node targets, rollout strategy, NodeGroup
// style selectors, git sources, variable maps, event reasons, time zones and
// object references. Each kind file composes these; nothing here knows a kind.

import { gitRefProblem, gitUrlProblem, treePathProblem } from '../git-source.js';
import {
  labelKeyProblem,
  labelValueProblem,
  parseLabelSelector,
  type NodeSelector,
  type NodeSelectorRequirement,
} from '../labels.js';
import {
  array,
  anyObject,
  dnsLabel,
  enumOf,
  int,
  isObject,
  isString,
  labelsMap,
  object,
  optional,
  percentOrInt,
  required,
  string,
  union,
  type JsonObject,
  type PercentOrInt,
  type Schema,
} from '../schema.js';
import { isFlotillaError } from '../../errors.js';

/** A name of another object of this or a cluster-scoped kind (a DNS label). */
export const objectName = (what = 'name'): Schema<string> => dnsLabel(what);

/** A non-empty list of distinct object names. */
export const nameList = (what = 'name', maxItems = 10_000): Schema<string[]> =>
  array(dnsLabel(what), { minItems: 1, maxItems, unique: true });

/** How a run rolls out over its nodes. Defaults come from the cluster Config. */
export interface Strategy {
  /**
   * Batch size inside each phase: a node count (≥1) or a percentage of the
   * targeted nodes ('1%'..'100%', rounded up). Default: Config
   * `runs.strategy.serial` ('100%': all at once).
   */
  serial?: PercentOrInt;
  /**
   * The run aborts once more than this percentage of the targeted nodes has
   * failed (0..100; 0 aborts on the first failure). Default: Config
   * `runs.strategy.maxFailPercentage` (0).
   */
  maxFailPercentage?: number;
}

export const strategySchema = object<Strategy>({
  serial: optional(percentOrInt()),
  maxFailPercentage: optional(int({ min: 0, max: 100, message: 'must be an integer from 0 to 100' })),
});

export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

const labelKey = (): Schema<string> =>
  string({
    check(k) {
      const problem = labelKeyProblem(k);
      return problem === undefined ? undefined : `label key ${problem}`;
    },
  });
const labelValue = (): Schema<string> => string({ minLength: 0, check: labelValueProblem });

const requirementSchema = object<NodeSelectorRequirement>(
  {
    key: required(labelKey()),
    operator: required(enumOf(SELECTOR_OPERATORS)),
    values: optional(array(labelValue(), { maxItems: 1000 })),
  },
  {
    refine(r, { path, issues, clean }) {
      if (!clean) return;
      const n = r.values?.length ?? 0;
      if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0) issues.add([...path, 'values'], `must not be empty for operator ${r.operator}`, { path });
      if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0) issues.add([...path, 'values'], `must be empty for operator ${r.operator}`);
    },
  },
);

/** The structured NodeGroup selector: matchLabels and matchExpressions, all of which must hold. */
export const nodeSelectorSchema = object<NodeSelector>({
  matchLabels: optional(labelsMap()),
  matchExpressions: optional(array(requirementSchema, { maxItems: 100 })),
});

/** A selector string such as `tier=web,env in (prod)`, checked by parsing it. */
export const selectorString = (): Schema<string> =>
  string({
    maxLength: 4096,
    check(s) {
      try {
        parseLabelSelector(s);
        return undefined;
      } catch (err) {
        if (isFlotillaError(err, 'INVALID_ARGUMENT')) return err.message;
        throw err;
      }
    },
  });

/** A structured selector or a selector string. */
export const anySelectorSchema: Schema<NodeSelector | string> = union<NodeSelector | string>('a selector string or an object with matchLabels / matchExpressions', [
  { when: isString, schema: selectorString() },
  { when: isObject, schema: nodeSelectorSchema },
]);

/** Which nodes something runs on: exactly one of a NodeGroup, a selector, or a list of node names. */
export interface Targets {
  /** name of a NodeGroup; the nodes it selects when the run starts */
  nodeGroup?: string;
  /** nodes whose labels match: a selector string (`tier=web,env in (prod)`) or matchLabels / matchExpressions */
  selector?: NodeSelector | string;
  /** these nodes, by name */
  nodes?: string[];
}

export const targetsSchema = object<Targets>(
  {
    nodeGroup: optional(objectName('NodeGroup name')),
    selector: optional(anySelectorSchema),
    nodes: optional(nameList('node name')),
  },
  { exactlyOne: [['nodeGroup', 'selector', 'nodes']] },
);

/** A file (or directory) in a git repository at a ref. */
export interface GitSource {
  /** https://, ssh:// (or user@host:path) or file:// URL; no credentials in it */
  url: string;
  /** branch, tag, full ref or commit; default 'HEAD' (the remote's default branch) */
  ref?: string;
  /** path inside the repository, relative to its root; no '..' */
  path: string;
}

export const gitUrl = (): Schema<string> => string({ check: gitUrlProblem });
export const gitRef = (): Schema<string> => string({ check: gitRefProblem });
export const treePath = (): Schema<string> => string({ check: treePathProblem });

export const gitSourceSchema = object<GitSource>({
  url: required(gitUrl()),
  ref: optional(gitRef()),
  path: required(treePath()),
});

/** The default git ref: whatever the remote's HEAD points at. */
export const DEFAULT_GIT_REF = 'HEAD';

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Why `k` cannot name a variable (`[A-Za-z_][A-Za-z0-9_-]*`, ≤253), or undefined. */
export function varNameProblem(k: string): string | undefined {
  if (k.length <= 253 && VAR_NAME.test(k)) return undefined;
  return `variable name '${k}' must start with a letter or '_' and contain only letters, digits, '_' and '-'`;
}

/** Template variables: free-form JSON values under variable names. */
export const varsSchema = (): Schema<JsonObject> => anyObject({ key: varNameProblem });

const REASON = /^[A-Z][A-Za-z0-9]*$/;

/** An Event reason: UpperCamelCase, e.g. `RunFailed`, `DiskFull`. */
export const reasonSchema = (): Schema<string> =>
  string({ maxLength: 128, pattern: REASON, patternMessage: 'must be UpperCamelCase letters and digits, e.g. DiskFull' });

/** Why `tz` is not an IANA time zone the runtime knows, or undefined. */
export function timeZoneProblem(tz: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return undefined;
  } catch {
    return `'${tz}' is not a known IANA time zone (e.g. UTC, Europe/Berlin)`;
  }
}

export const timeZone = (): Schema<string> => string({ maxLength: 64, check: timeZoneProblem });

const KIND_NAME = /^[A-Z][A-Za-z0-9]*$/;

/** A reference to one object. */
export interface ObjectRef {
  /** kind name, e.g. `Node`, `Run` */
  kind: string;
  /** namespace of a namespaced object; absent for cluster-scoped ones */
  namespace?: string;
  name: string;
}

export const objectRefSchema = object<ObjectRef>({
  kind: required(string({ maxLength: 64, pattern: KIND_NAME, patternMessage: 'must be a kind name such as Node or Run' })),
  namespace: optional(objectName('namespace')),
  name: required(objectName()),
});

/** Lifecycle of a Run: Pending until planned, Running, then one of the final three. */
export const RUN_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Cancelled'] as const;
export type RunPhase = (typeof RUN_PHASES)[number];
