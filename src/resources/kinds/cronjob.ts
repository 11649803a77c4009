// CronJob: start a Run on a schedule, in a time zone, of a named TaskBook or
// of inline steps. The controller fires each tick exactly once across the
// cluster (scheduler/cron.ts computes the ticks; cron-expression.ts parses
// the schedule), applies the concurrency policy and the starting deadline,
// and prunes old Runs by the history limits.

import { array, bool, duration, enumOf, int, object, optional, required, string, timestamp, type JsonObject, type PercentOrInt } from '../schema.js';
import { cronProblem } from '../cron-expression.js';
import { objectName, strategySchema, targetsSchema, timeZone, varsSchema, type Strategy, type Targets } from './common.js';
import type { ClusterConfig } from './config.js';
import {
  checkStepRefs,
  defaultHandlers,
  defaultSteps,
  handlersSchema,
  stepsSchema,
  type DefaultedHandler,
  type DefaultedStep,
  type Handler,
  type Step,
} from './taskbook.js';

export const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;
export type ConcurrencyPolicy = (typeof CONCURRENCY_POLICIES)[number];

export interface CronJobSpec {
  /** five-field cron expression (minute hour day-of-month month day-of-week) or a macro such as @daily */
  schedule: string;
  /** IANA time zone the schedule is read in; default UTC */
  timezone?: string;
  /** the TaskBook to run, in the CronJob's namespace (exactly one of taskBook / steps) */
  taskBook?: string;
  /** inline steps to run instead of a TaskBook (then targets are required) */
  steps?: Step[];
  /** handlers for the inline steps */
  handlers?: Handler[];
  /** where the inline steps run; with taskBook, overrides the TaskBook's targets */
  targets?: Targets;
  /** rollout of the inline steps; with taskBook, overrides the TaskBook's strategy */
  strategy?: Strategy;
  /** passed to each Run as `set` (highest variable precedence) */
  vars?: JsonObject;
  /** when the previous Run is still going: Allow another, Forbid (skip this tick), or Replace (cancel it); default Forbid */
  concurrencyPolicy?: ConcurrencyPolicy;
  /** a tick missed by more than this (e.g. while no leader was elected) is skipped; default '5m' */
  startingDeadline?: string;
  /** true: no new Runs are started; default false */
  suspend?: boolean;
  /** finished successful Runs kept; default 3 */
  successfulRunsHistoryLimit?: number;
  /** finished failed Runs kept; default 1 */
  failedRunsHistoryLimit?: number;
}

export interface CronJobStatus {
  /** the last tick a Run was started for (RFC 3339) */
  lastScheduleAt?: string;
  /** when a Run of this CronJob last succeeded (RFC 3339) */
  lastSuccessfulAt?: string;
  /** the last Run started */
  lastRun?: string;
  /** Runs started by this CronJob that have not finished */
  active?: string[];
}

export const cronJobSpecSchema = object<CronJobSpec>(
  {
    schedule: required(string({ maxLength: 256, check: (s) => { const p = cronProblem(s); return p === undefined ? undefined : `invalid cron expression '${s}': ${p}`; } })),
    timezone: optional(timeZone()),
    taskBook: optional(objectName('TaskBook name')),
    steps: optional(stepsSchema),
    handlers: optional(handlersSchema),
    targets: optional(targetsSchema),
    strategy: optional(strategySchema),
    vars: optional(varsSchema()),
    concurrencyPolicy: optional(enumOf(CONCURRENCY_POLICIES)),
    startingDeadline: optional(duration({ min: '1s' })),
    suspend: optional(bool()),
    successfulRunsHistoryLimit: optional(int({ min: 0, max: 1000 })),
    failedRunsHistoryLimit: optional(int({ min: 0, max: 1000 })),
  },
  {
    exactlyOne: [['taskBook', 'steps']],
    refine(cj, { path, issues, raw }) {
      const hasSteps = raw.steps !== undefined && raw.steps !== null;
      if (hasSteps && (raw.targets === undefined || raw.targets === null)) issues.add([...path, 'targets'], 'is required with inline steps', { path });
      if (!hasSteps && raw.handlers !== undefined && raw.handlers !== null) {
        issues.add([...path, 'handlers'], 'is allowed only with inline steps', { path: [...path, 'handlers'], key: true });
      }
      checkStepRefs(cj.steps, cj.handlers, path, issues);
    },
  },
);

export const cronJobStatusSchema = object<CronJobStatus>({
  lastScheduleAt: optional(timestamp()),
  lastSuccessfulAt: optional(timestamp()),
  lastRun: optional(objectName('Run name')),
  active: optional(array(objectName('Run name'), { unique: true })),
});

export interface DefaultedCronJobSpec {
  schedule: string;
  timezone: string;
  taskBook?: string;
  steps?: DefaultedStep[];
  handlers?: DefaultedHandler[];
  targets?: Targets;
  /**
   * With inline steps: complete, defaulted from the cluster Config. With a
   * taskBook: the override as given (fields left out come from the TaskBook).
   */
  strategy?: Strategy & { serial?: PercentOrInt };
  vars: JsonObject;
  concurrencyPolicy: ConcurrencyPolicy;
  startingDeadline: string;
  suspend: boolean;
  successfulRunsHistoryLimit: number;
  failedRunsHistoryLimit: number;
}

/**
 * Fills the schedule settings. Inline steps get the step defaults and a
 * strategy from the cluster Config; with a taskBook, strategy stays as given
 * (absent means the TaskBook's own).
 */
export function withDefaults(spec: CronJobSpec, cluster: ClusterConfig): DefaultedCronJobSpec {
  const out: DefaultedCronJobSpec = {
    schedule: spec.schedule,
    timezone: spec.timezone ?? 'UTC',
    vars: spec.vars ?? {},
    concurrencyPolicy: spec.concurrencyPolicy ?? 'Forbid',
    startingDeadline: spec.startingDeadline ?? '5m',
    suspend: spec.suspend ?? false,
    successfulRunsHistoryLimit: spec.successfulRunsHistoryLimit ?? 3,
    failedRunsHistoryLimit: spec.failedRunsHistoryLimit ?? 1,
  };
  if (spec.taskBook !== undefined) out.taskBook = spec.taskBook;
  if (spec.targets) out.targets = spec.targets;
  if (spec.steps) {
    out.steps = defaultSteps(spec.steps, cluster.runs.stepTimeout);
    out.handlers = defaultHandlers(spec.handlers ?? [], cluster.runs.stepTimeout);
    out.strategy = {
      serial: spec.strategy?.serial ?? cluster.runs.strategy.serial,
      maxFailPercentage: spec.strategy?.maxFailPercentage ?? cluster.runs.strategy.maxFailPercentage,
    };
  } else if (spec.strategy) {
    out.strategy = { ...spec.strategy };
  }
  return out;
}
