// The records a run leaves in the store, shared by the controller (runs/)
// and the agents (agent/). Everything a run needs to continue after any
// daemon dies is here: the plan (written once), one assignment per node
// (which phase it should run), and one result per node (how far it got).
//
//   /flotilla/runs/<ns>/<run>/plan            RunPlan        (controller, once)
//   /flotilla/assign/<node>/<ns>/<run>        Assignment     (controller)
//   /flotilla/runs/<ns>/<run>/nodes/<node>    NodeResult     (that node's agent)

import type { DefaultedHandler, DefaultedStep, JsonObject, PinnedInclude, RunCounts } from '../resources/index.js';

/** Where a step's `src` files and template partials are read from. */
export interface StepSource {
  readonly url: string;
  readonly commit: string;
  /** the directory of the included TaskBook file inside the repository ('' for the root) */
  readonly dir: string;
}

export interface PlannedStep {
  /** position in the whole run (includes first, then inline steps), for people: "step 3/12" */
  readonly index: number;
  /** the field path people see in errors, e.g. `spec.steps[2]` or `include[0]:web.yaml:steps[1]` */
  readonly at: string;
  readonly step: DefaultedStep;
  readonly source?: StepSource;
}

export interface PlannedHandler {
  readonly at: string;
  readonly handler: DefaultedHandler;
  readonly source?: StepSource;
}

/** Steps between two barriers (or one runOnce step on its own). */
export interface PlannedPhase {
  readonly index: number;
  /** the barrier that ends the phase, if any */
  readonly barrier?: string;
  /** a runOnce phase: exactly one live node runs its single step */
  readonly once: boolean;
  readonly steps: readonly PlannedStep[];
}

export interface RunPlan {
  readonly version: 1;
  readonly namespace: string;
  readonly run: string;
  /** the Run's uuid: a plan or result of an older run with the same name is never mixed in */
  readonly runUid: string;
  readonly taskBook?: string;
  /** targeted nodes in rollout order */
  readonly nodes: readonly string[];
  /** nodes that were not live when the run was planned */
  readonly unreachable: readonly string[];
  /** batch size inside each phase (already resolved from a percentage) */
  readonly serial: number;
  readonly maxFailPercentage: number;
  readonly phases: readonly PlannedPhase[];
  readonly handlers: readonly PlannedHandler[];
  /** TaskBook vars and the run's --set values */
  readonly vars: JsonObject;
  readonly set: JsonObject;
  readonly check: boolean;
  readonly diff: boolean;
  readonly includes: readonly PinnedInclude[];
  /** whole-run limit, ms */
  readonly timeoutMs: number;
  readonly plannedAt: string;
  /** total number of steps (for "step 3/12") */
  readonly stepCount: number;
}

export interface Assignment {
  readonly namespace: string;
  readonly run: string;
  readonly runUid: string;
  /** the phase this node should run now */
  readonly phase: number;
}

export type StepOutcome = 'ok' | 'changed' | 'failed' | 'skipped';

/** What one step did on one node (a looped step is one entry with item counts). */
export interface StepLog {
  readonly index: number;
  readonly name: string;
  readonly phase: number;
  /** true for a handler run at the end of a phase */
  readonly handler?: boolean;
  readonly outcome: StepOutcome;
  /** a failure tolerated by ignoreErrors */
  readonly ignored?: boolean;
  readonly message?: string;
  readonly rc?: number;
  readonly stdout?: string;
  readonly stderr?: string;
  readonly diff?: string;
  /** stdout, stderr and diff were dropped to keep the node's result under its size limit */
  readonly trimmed?: boolean;
  /** for loops: how many items, and how many changed / failed / were skipped */
  readonly items?: { readonly total: number; readonly changed: number; readonly failed: number; readonly skipped: number };
  readonly attempts?: number;
  readonly startedAt: string;
  readonly durationMs: number;
}

export type NodeResultState = 'running' | 'done' | 'failed';

export interface NodeResult {
  readonly runUid: string;
  readonly node: string;
  /** the phase this result is about (the latest one the node started) */
  readonly phase: number;
  readonly state: NodeResultState;
  /** index of the step running now, or the last one finished */
  readonly step?: number;
  readonly stepName?: string;
  /** indexes of the steps of `phase` already finished (a restarted agent resumes after them) */
  readonly completed: readonly number[];
  /** handlers notified so far in `phase` */
  readonly notified: readonly string[];
  /** values kept by `register`, for later steps (also after a restart) */
  readonly registered: Readonly<Record<string, unknown>>;
  /** over the whole run on this node */
  readonly counts: RunCounts;
  /** per step, newest last; capped (see MAX_STEP_LOGS) */
  readonly steps: readonly StepLog[];
  readonly message?: string;
  readonly startedAt: string;
  readonly updatedAt: string;
}

export const MAX_STEP_LOGS = 500;

/**
 * Largest encoded node result the agent writes (etcd and the embedded store
 * take 1.5 MiB per request, this leaves room for the rest of the txn): older
 * step logs lose their output first, then the step fails.
 */
export const MAX_RESULT_BYTES = 1400 * 1024;

export const ZERO_COUNTS: RunCounts = Object.freeze({ ok: 0, changed: 0, failed: 0, skipped: 0, unreachable: 0 });

export function addCounts(a: RunCounts, b: RunCounts): RunCounts {
  return {
    ok: a.ok + b.ok,
    changed: a.changed + b.changed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
    unreachable: a.unreachable + b.unreachable,
  };
}

/** Whether `r` says the node finished phase `p` (done or failed). */
export function finishedPhase(r: NodeResult | undefined, p: number): boolean {
  if (!r) return false;
  return r.phase > p || (r.phase === p && r.state !== 'running') || r.state === 'failed';
}

/**
 * What the failure detector knows, as runs and templates need it: the nodes
 * it holds dead or left (its local view), and a signal when that set changes.
 */
export interface MembershipView {
  down(): ReadonlySet<string>;
  /** `fn` runs after every change of down(); returns the unsubscribe */
  subscribe(fn: () => void): () => void;
}
