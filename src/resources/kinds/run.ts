// Run: one execution of a TaskBook (or of inline steps, when a CronJob has
// them). People create Runs through `flotctl run` (RunService.Start);
// CronJobs and Triggers create them too. The controller plans phases and
// batches and folds per-node results into status — phase, per-node state and
// current step, counts, timings, and the commit each include was pinned to.
// Planning and folding are runs/' job; this file defines the shapes.

import { array, bool, dnsLabelProblem, enumOf, int, map, object, optional, required, string, timestamp, type JsonObject } from '../schema.js';
import { RUN_PHASES, gitRef, gitUrl, nameList, objectName, treePath, varsSchema, type RunPhase } from './common.js';
import type { ClusterConfig } from './config.js';
import { taskBookSpecSchema, withDefaults as taskBookDefaults, type DefaultedTaskBookSpec, type TaskBookSpec } from './taskbook.js';

export interface RunSpec {
  /** the TaskBook to run, in the Run's namespace (exactly one of taskBook / inline) */
  taskBook?: string;
  /** a TaskBook spec carried in the Run itself (inline CronJob steps) */
  inline?: TaskBookSpec;
  /** variables with the highest precedence (`flotctl run --set k=v`) */
  set?: JsonObject;
  /** run only on these of the targeted nodes (`--nodes a,b`) */
  nodes?: string[];
  /** report what would change without changing anything; default false */
  check?: boolean;
  /** show unified diffs of files; default false */
  diff?: boolean;
  /** stop the run: set by `flotctl cancel` / RunService.Cancel; default false */
  cancel?: boolean;
}

export { RUN_PHASES, type RunPhase };

export const NODE_RUN_STATES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unreachable', 'Skipped', 'Cancelled'] as const;
/** Pending (not yet in a batch), Running, or final: Succeeded, Failed, Unreachable (gossip said dead), Skipped, Cancelled. */
export type NodeRunState = (typeof NODE_RUN_STATES)[number];

/** Task outcomes, counted over all nodes (or one node). */
export interface RunCounts {
  ok: number;
  changed: number;
  failed: number;
  skipped: number;
  unreachable: number;
}

export interface RunNodeStatus {
  state: NodeRunState;
  /** index of the TaskBook phase (steps between barriers) the node is in */
  phase?: number;
  /** the batch of that phase the node belongs to */
  batch?: number;
  /** index of the step running now (or that failed) */
  step?: number;
  /** its name */
  stepName?: string;
  counts?: RunCounts;
  startedAt?: string;
  finishedAt?: string;
  /** why the node failed, was skipped or is unreachable */
  message?: string;
}

/** The commit an include was pinned to when the run started. */
export interface PinnedInclude {
  url: string;
  ref: string;
  path: string;
  /** full commit id */
  commit: string;
}

export interface RunStatus {
  phase?: RunPhase;
  /** a one-line summary: why it failed, or what it waits for */
  message?: string;
  /** per node name */
  nodes?: Record<string, RunNodeStatus>;
  /** totals over all nodes */
  counts?: RunCounts;
  /** the TaskBook phase being run (index) */
  currentPhase?: number;
  startedAt?: string;
  finishedAt?: string;
  includes?: PinnedInclude[];
}

export const runSpecSchema = object<RunSpec>(
  {
    taskBook: optional(objectName('TaskBook name')),
    inline: optional(taskBookSpecSchema),
    set: optional(varsSchema()),
    nodes: optional(nameList('node name')),
    check: optional(bool()),
    diff: optional(bool()),
    cancel: optional(bool()),
  },
  { exactlyOne: [['taskBook', 'inline']] },
);

const count = () => int({ min: 0 });
const countsSchema = object<RunCounts>({
  ok: required(count()),
  changed: required(count()),
  failed: required(count()),
  skipped: required(count()),
  unreachable: required(count()),
});

export const runStatusSchema = object<RunStatus>({
  phase: optional(enumOf(RUN_PHASES)),
  message: optional(string({ minLength: 0, maxLength: 4096 })),
  nodes: optional(
    map(
      object<RunNodeStatus>({
        state: required(enumOf(NODE_RUN_STATES)),
        phase: optional(count()),
        batch: optional(count()),
        step: optional(count()),
        stepName: optional(string({ minLength: 0, maxLength: 256 })),
        counts: optional(countsSchema),
        startedAt: optional(timestamp()),
        finishedAt: optional(timestamp()),
        message: optional(string({ minLength: 0, maxLength: 4096 })),
      }),
      { key: (k) => dnsLabelProblem(k, 'node name') },
    ),
  ),
  counts: optional(countsSchema),
  currentPhase: optional(count()),
  startedAt: optional(timestamp()),
  finishedAt: optional(timestamp()),
  includes: optional(
    array(
      object<PinnedInclude>({
        url: required(gitUrl()),
        ref: required(gitRef()),
        path: required(treePath()),
        commit: required(string({ pattern: /^[0-9a-f]{40}([0-9a-f]{24})?$/, patternMessage: 'must be a full commit id (40 or 64 hex digits)' })),
      }),
    ),
  ),
});

export interface DefaultedRunSpec {
  taskBook?: string;
  /** defaulted like a TaskBook's spec */
  inline?: DefaultedTaskBookSpec;
  set: JsonObject;
  /** empty: every targeted node */
  nodes: string[];
  check: boolean;
  diff: boolean;
  cancel: boolean;
}

export function withDefaults(spec: RunSpec, cluster: ClusterConfig): DefaultedRunSpec {
  return {
    ...(spec.taskBook !== undefined ? { taskBook: spec.taskBook } : {}),
    ...(spec.inline !== undefined ? { inline: taskBookDefaults(spec.inline, cluster) } : {}),
    set: spec.set ?? {},
    nodes: spec.nodes ?? [],
    check: spec.check ?? false,
    diff: spec.diff ?? false,
    cancel: spec.cancel ?? false,
  };
}

/** Whether a phase is final (the Run will not change any more). */
export function isFinishedPhase(phase: RunPhase | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Cancelled';
}
