// Planning a run, as a pure function: the TaskBook (with its includes already
// fetched and pinned) and the resolved targets go in; phases, batches and the
// node list come out. Steps between barriers form a phase; a runOnce step is
// a phase of its own (every node finishes what comes before it, one live node
// runs it, then everyone goes on and can read what it exported).

import { InvalidArgumentError, type FieldIssue } from '../errors.js';
import { resolvePercentOrInt, type DefaultedTaskBookSpec, type JsonObject, type PinnedInclude } from '../resources/index.js';
import type { PlannedHandler, PlannedPhase, PlannedStep, RunPlan, StepSource } from './model.js';

export interface IncludedTaskBook {
  readonly pinned: PinnedInclude;
  /** the included file's TaskBook spec, defaulted */
  readonly spec: DefaultedTaskBookSpec;
  readonly source: StepSource;
}

export interface PlanInput {
  readonly namespace: string;
  readonly run: string;
  readonly runUid: string;
  readonly taskBook?: string;
  readonly spec: DefaultedTaskBookSpec;
  readonly included: readonly IncludedTaskBook[];
  /** nodes the TaskBook targets, in rollout order */
  readonly targets: readonly string[];
  /** the run's --nodes; empty for all targets */
  readonly only: readonly string[];
  /** nodes with a live daemon now */
  readonly live: ReadonlySet<string>;
  readonly set: JsonObject;
  readonly check: boolean;
  readonly diff: boolean;
  readonly timeoutMs: number;
  readonly now: string;
}

/** Builds the plan; throws InvalidArgumentError naming what cannot be run. */
export function planRun(input: PlanInput): RunPlan {
  const issues: FieldIssue[] = [];
  const steps: PlannedStep[] = [];
  const handlers: PlannedHandler[] = [];
  const handlerAt = new Map<string, string>();
  let vars: JsonObject = {};

  const addHandlers = (list: DefaultedTaskBookSpec['handlers'], prefix: string, source?: StepSource) => {
    list.forEach((handler, j) => {
      const at = `${prefix}handlers[${j}]`;
      const prev = handlerAt.get(handler.name);
      if (prev !== undefined) issues.push({ path: at, message: `handler '${handler.name}' is already defined at ${prev}` });
      handlerAt.set(handler.name, at);
      handlers.push({ at, handler, ...(source ? { source } : {}) });
    });
  };
  const addSteps = (list: DefaultedTaskBookSpec['steps'], prefix: string, source?: StepSource) => {
    list.forEach((step, j) => steps.push({ index: steps.length, at: `${prefix}steps[${j}]`, step, ...(source ? { source } : {}) }));
  };

  input.included.forEach((inc, i) => {
    const prefix = `include[${i}] (${inc.pinned.path}@${inc.pinned.commit.slice(0, 12)}): spec.`;
    addSteps(inc.spec.steps, prefix, inc.source);
    addHandlers(inc.spec.handlers, prefix, inc.source);
    vars = { ...vars, ...inc.spec.vars };
  });
  addSteps(input.spec.steps, 'spec.');
  addHandlers(input.spec.handlers, 'spec.');
  vars = { ...vars, ...input.spec.vars };

  for (const s of steps) {
    (s.step.notify ?? []).forEach((n, k) => {
      if (!handlerAt.has(n)) issues.push({ path: `${s.at}.notify[${k}]`, message: `no handler is named '${n}'` });
    });
  }

  const targeted = new Set(input.targets);
  for (const n of input.only) {
    if (!targeted.has(n)) issues.push({ path: 'spec.nodes', message: `node '${n}' is not targeted by the TaskBook` });
  }
  if (input.targets.length === 0) issues.push({ path: 'spec.targets', message: 'selects no nodes' });
  if (issues.length > 0) throw new InvalidArgumentError(issues);

  const only = new Set(input.only);
  const nodes = input.only.length === 0 ? [...input.targets] : input.targets.filter((n) => only.has(n));

  const phases: PlannedPhase[] = [];
  let current: PlannedStep[] = [];
  const close = (barrier?: string) => {
    if (current.length > 0) phases.push({ index: phases.length, once: false, steps: current, ...(barrier !== undefined ? { barrier } : {}) });
    current = [];
  };
  for (const s of steps) {
    if (s.step.barrier !== undefined) close(s.step.barrier);
    else if (s.step.runOnce) {
      close();
      phases.push({ index: phases.length, once: true, steps: [s] });
    } else current.push(s);
  }
  close();

  return {
    version: 1,
    namespace: input.namespace,
    run: input.run,
    runUid: input.runUid,
    ...(input.taskBook !== undefined ? { taskBook: input.taskBook } : {}),
    nodes,
    unreachable: nodes.filter((n) => !input.live.has(n)),
    serial: resolvePercentOrInt(input.spec.strategy.serial, nodes.length),
    maxFailPercentage: input.spec.strategy.maxFailPercentage,
    phases,
    handlers,
    vars,
    set: input.set,
    check: input.check,
    diff: input.diff,
    includes: input.included.map((i) => i.pinned),
    timeoutMs: input.timeoutMs,
    plannedAt: input.now,
    stepCount: steps.filter((s) => s.step.barrier === undefined).length,
  };
}
