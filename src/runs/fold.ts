// Folding a run's state into what should happen next, as a pure function.
// The controller reads the plan, the Run's status, every node's result, the
// current assignments and which daemons are live, calls fold(), and writes
// what comes out. fold() is level-triggered: given the same store it gives
// the same answer, so a new leader that calls it on what the old one left
// carries on from there, and a write that was lost is simply made again.
//
// Rules (DESIGN "TaskBooks and runs"):
//  - a phase's nodes go in batches of plan.serial; a batch is released when
//    every node of the batch before it finished the phase;
//  - nobody starts phase p+1 before every node still in the run finished p
//    (barrier); a runOnce phase runs on one live node;
//  - a node that fails stops; a node whose daemon is gone while it has work
//    is Unreachable; both count against maxFailPercentage, and the run is
//    aborted as soon as more than that share of the targeted nodes failed;
//  - cancel and the run timeout end the run at once.

import { isFinishedPhase, type NodeRunState, type RunCounts, type RunNodeStatus, type RunStatus } from '../resources/index.js';
import { ZERO_COUNTS, addCounts, finishedPhase, type Assignment, type NodeResult, type RunPlan } from './model.js';

export type RunEventReason = 'RunStarted' | 'RunSucceeded' | 'RunFailed' | 'RunCancelled' | 'TaskFailed';

export interface RunEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: RunEventReason;
  readonly message: string;
  readonly node?: string;
}

export interface FoldInput {
  readonly plan: RunPlan;
  readonly status: RunStatus;
  readonly cancel: boolean;
  /** per node, results of this run (same runUid) only */
  readonly results: ReadonlyMap<string, NodeResult>;
  /** per node, the assignments of this run that exist now */
  readonly assignments: ReadonlyMap<string, Assignment>;
  /** nodes whose daemon has a live session and that gossip does not hold dead or left */
  readonly live: ReadonlySet<string>;
  /** epoch ms */
  readonly now: number;
}

export interface FoldOutput {
  readonly status: RunStatus;
  /** assignments to create or change */
  readonly assign: ReadonlyMap<string, Assignment>;
  /** nodes whose assignment must be removed */
  readonly unassign: readonly string[];
  /** events to emit with this status change (exactly once: they are written in the same txn) */
  readonly events: readonly RunEvent[];
  /** when fold must be called again even if nothing changes (the run timeout), epoch ms */
  readonly wakeAt?: number;
}

const FINAL_NODE_STATES: ReadonlySet<NodeRunState> = new Set(['Succeeded', 'Failed', 'Unreachable', 'Skipped', 'Cancelled']);
const isFinal = (s: NodeRunState) => FINAL_NODE_STATES.has(s);
const countsAgainst = (s: NodeRunState) => s === 'Failed' || s === 'Unreachable';

export function fold(input: FoldInput): FoldOutput {
  const { plan, results, live } = input;
  const nowIso = new Date(input.now).toISOString();
  const events: RunEvent[] = [];
  if (isFinishedPhase(input.status.phase)) {
    return { status: input.status, assign: new Map(), unassign: [...input.assignments.keys()], events };
  }
  const nodes: Record<string, RunNodeStatus> = {};
  const set = (n: string, patch: Partial<RunNodeStatus>) => (nodes[n] = { ...nodes[n], ...patch });
  const fail = (n: string, state: 'Failed' | 'Unreachable', message: string) => {
    set(n, { state, message, finishedAt: nowIso });
    if (state === 'Failed') {
      const r = results.get(n);
      events.push({ type: 'Warning', reason: 'TaskFailed', node: n, message: `${r?.stepName ? `step '${r.stepName}'` : 'a step'} failed on ${n}: ${message}` });
    }
  };

  // 1. each node's state from what its agent reported and whether it is live
  const unreachableAtStart = new Set(plan.unreachable);
  for (const n of plan.nodes) {
    const prev = input.status.nodes?.[n] ?? { state: 'Pending' as const };
    nodes[n] = { ...prev };
    if (isFinal(prev.state)) continue;
    const r = results.get(n);
    if (r) {
      set(n, {
        state: 'Running',
        phase: r.phase,
        ...(r.step !== undefined ? { step: r.step } : {}),
        ...(r.stepName !== undefined ? { stepName: r.stepName } : {}),
        counts: r.counts,
        startedAt: prev.startedAt ?? r.startedAt,
      });
    }
    if (r?.state === 'failed') fail(n, 'Failed', r.message ?? 'failed');
    else if (!r && unreachableAtStart.has(n)) fail(n, 'Unreachable', 'its daemon was not live when the run started');
    else if (input.assignments.has(n) && !live.has(n)) fail(n, 'Unreachable', 'its daemon went away during the run (session ended or gossip declared it dead)');
  }

  const total = plan.nodes.length;
  const allowed = Math.floor((total * plan.maxFailPercentage) / 100);
  const failedCount = () => plan.nodes.filter((n) => countsAgainst(nodes[n].state)).length;
  const finish = (phase: 'Succeeded' | 'Failed' | 'Cancelled', message: string, nodeState: NodeRunState) => {
    for (const n of plan.nodes) if (!isFinal(nodes[n].state)) set(n, { state: nodeState, finishedAt: nowIso, ...(nodeState === 'Succeeded' ? {} : { message }) });
    const reason: RunEventReason = phase === 'Succeeded' ? 'RunSucceeded' : phase === 'Failed' ? 'RunFailed' : 'RunCancelled';
    events.push({ type: phase === 'Succeeded' ? 'Normal' : 'Warning', reason, message: `run ${plan.namespace}/${plan.run}: ${message}` });
    return {
      status: { ...statusWith(plan, input.status, nodes, results), phase, message, finishedAt: nowIso },
      assign: new Map<string, Assignment>(),
      unassign: [...input.assignments.keys()],
      events,
    };
  };

  // 2. the run ends: cancelled, timed out, or too many failures
  if (input.cancel) return finish('Cancelled', 'cancelled', 'Cancelled');
  const startedAt = Date.parse(input.status.startedAt ?? plan.plannedAt);
  const deadline = startedAt + plan.timeoutMs;
  if (input.now >= deadline) return finish('Failed', `timed out after ${Math.round(plan.timeoutMs / 1000)} s`, 'Cancelled');
  const tooMany = () => failedCount() > allowed;
  const firstFailure = () => {
    const n = plan.nodes.find((x) => countsAgainst(nodes[x].state));
    if (!n) return '';
    const r = results.get(n);
    const what = nodes[n].state === 'Unreachable' ? 'unreachable' : `${r?.stepName ? `step '${r.stepName}' ` : ''}failed`;
    return ` (${n}: ${what}${nodes[n].message ? `: ${nodes[n].message}` : ''})`;
  };
  const abortMessage = () => `${failedCount()} of ${total} nodes failed, more than maxFailPercentage ${plan.maxFailPercentage} allows${firstFailure()}`;
  if (tooMany()) return finish('Failed', abortMessage(), 'Cancelled');

  // 3. walk the phases: release batches, pass barriers
  const desired = new Map<string, number>();
  let p = input.status.currentPhase ?? 0;
  let waiting = '';
  for (; p < plan.phases.length; p++) {
    const phase = plan.phases[p];
    const active = plan.nodes.filter((n) => !isFinal(nodes[n].state));
    let participants: string[];
    if (phase.once) {
      const holder = active.find((n) => input.assignments.get(n)?.phase === p && (live.has(n) || finishedPhase(results.get(n), p)));
      const chosen = holder ?? active.find((n) => live.has(n) || finishedPhase(results.get(n), p));
      participants = chosen ? [chosen] : [];
    } else participants = active;
    const batchSize = phase.once ? 1 : plan.serial;
    let phaseDone = true;
    for (let b = 0; b * batchSize < participants.length; b++) {
      const batch = participants.slice(b * batchSize, (b + 1) * batchSize);
      let batchDone = true;
      for (const n of batch) {
        if (isFinal(nodes[n].state)) continue;
        const r = results.get(n);
        if (finishedPhase(r, p)) {
          set(n, { phase: p, batch: b });
          continue;
        }
        if (!live.has(n)) {
          fail(n, 'Unreachable', 'its daemon is not live');
          continue;
        }
        desired.set(n, p);
        set(n, { state: 'Running', phase: p, batch: b, startedAt: nodes[n].startedAt ?? nowIso });
        batchDone = false;
      }
      if (tooMany()) return finish('Failed', abortMessage(), 'Cancelled');
      if (!batchDone) {
        phaseDone = false;
        const batches = Math.ceil(participants.length / batchSize);
        waiting = `phase ${p + 1}/${plan.phases.length}${phase.once ? ' (run once)' : batches > 1 ? `, batch ${b + 1}/${batches}` : ''}`;
        break;
      }
    }
    if (!phaseDone) break;
    // everyone still in the run finished phase p: the barrier opens
    for (const n of participants) if (!isFinal(nodes[n].state) && p === plan.phases.length - 1) set(n, { state: 'Succeeded', finishedAt: nowIso });
  }

  if (p >= plan.phases.length) {
    const failed = failedCount();
    return finish('Succeeded', failed === 0 ? `succeeded on ${total} node${total === 1 ? '' : 's'}` : `succeeded; ${failed} of ${total} nodes failed (within maxFailPercentage ${plan.maxFailPercentage})`, 'Succeeded');
  }

  const assign = new Map<string, Assignment>();
  for (const [n, phase] of desired) {
    const cur = input.assignments.get(n);
    if (!cur || cur.phase !== phase || cur.runUid !== plan.runUid) assign.set(n, { namespace: plan.namespace, run: plan.run, runUid: plan.runUid, phase });
  }
  const unassign = [...input.assignments.keys()].filter((n) => !plan.nodes.includes(n) || isFinal(nodes[n]?.state ?? 'Pending'));
  return {
    status: { ...statusWith(plan, input.status, nodes, results), phase: 'Running', currentPhase: p, message: `running ${waiting}` },
    assign,
    unassign,
    events,
    wakeAt: deadline,
  };
}

function statusWith(plan: RunPlan, prev: RunStatus, nodes: Record<string, RunNodeStatus>, results: ReadonlyMap<string, NodeResult>): RunStatus {
  let counts: RunCounts = ZERO_COUNTS;
  for (const n of plan.nodes) {
    const r = results.get(n);
    if (r) counts = addCounts(counts, r.counts);
    if (nodes[n].state === 'Unreachable') counts = addCounts(counts, { ...ZERO_COUNTS, unreachable: 1 });
  }
  return { ...prev, nodes, counts, includes: [...plan.includes] };
}
