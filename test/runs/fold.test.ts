import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultClusterConfig, kindInfo, type DefaultedTaskBookSpec, type RunStatus, type TaskBookSpec } from '../../src/resources/index.js';
import { fold, type FoldInput } from '../../src/runs/fold.js';
import { planRun } from '../../src/runs/plan.js';
import { ZERO_COUNTS, type Assignment, type NodeResult, type RunPlan } from '../../src/runs/model.js';

const spec = (s: TaskBookSpec): DefaultedTaskBookSpec => kindInfo('TaskBook').withDefaults(s, defaultClusterConfig(), { name: 'tb', namespace: 'default' });
const cmd = (name: string, extra: Record<string, unknown> = {}) => ({ name, command: { cmd: `echo ${name}` }, ...extra });
const T0 = Date.UTC(2026, 0, 1);

function plan(steps: TaskBookSpec['steps'], nodes = ['a', 'b', 'c'], strategy: TaskBookSpec['strategy'] = {}, live = new Set(nodes)): RunPlan {
  return planRun({
    namespace: 'default', run: 'r1', runUid: 'u1', taskBook: 'tb',
    spec: spec({ targets: { nodes }, strategy, steps }),
    included: [], targets: nodes, only: [], live, set: {}, check: false, diff: false, timeoutMs: 3_600_000, now: new Date(T0).toISOString(),
  });
}

const result = (node: string, phase: number, state: NodeResult['state'], extra: Partial<NodeResult> = {}): NodeResult => ({
  runUid: 'u1', node, phase, state, completed: [], notified: [], registered: {}, counts: { ...ZERO_COUNTS, ok: 1 }, steps: [],
  startedAt: new Date(T0).toISOString(), updatedAt: new Date(T0).toISOString(), ...extra,
});

/** applies a fold's writes to a little in-memory world and folds again, like the controller does */
class World {
  status: RunStatus;
  assignments = new Map<string, Assignment>();
  results = new Map<string, NodeResult>();
  live: Set<string>;
  cancel = false;
  now = T0 + 1000;
  events: string[] = [];
  constructor(readonly p: RunPlan) {
    this.status = { phase: 'Running', startedAt: new Date(T0).toISOString(), currentPhase: 0 };
    this.live = new Set(p.nodes.filter((n) => !p.unreachable.includes(n)));
  }
  step(): ReturnType<typeof fold> {
    const out = fold({ plan: this.p, status: this.status, cancel: this.cancel, results: this.results, assignments: this.assignments, live: this.live, now: this.now } satisfies FoldInput);
    this.status = out.status;
    for (const [n, a] of out.assign) this.assignments.set(n, a);
    for (const n of out.unassign) this.assignments.delete(n);
    this.events.push(...out.events.map((e) => `${e.reason}${e.node ? `:${e.node}` : ''}`));
    return out;
  }
  assigned(): string[] {
    return [...this.assignments].map(([n, a]) => `${n}@${a.phase}`).sort();
  }
  finish(n: string, phase: number, state: NodeResult['state'] = 'done', extra: Partial<NodeResult> = {}): void {
    this.results.set(n, result(n, phase, state, extra));
  }
}

describe('planRun', () => {
  it('splits phases at barriers and around runOnce steps', () => {
    const p = plan([cmd('s1'), cmd('s2'), { barrier: 'all configured' }, cmd('token', { runOnce: true, export: { variable: 'tok' } }), cmd('s4')]);
    assert.deepEqual(p.phases.map((ph) => [ph.once, ph.barrier ?? '', ph.steps.map((s) => s.step.name)]), [
      [false, 'all configured', ['s1', 's2']],
      [true, '', ['token']],
      [false, '', ['s4']],
    ]);
    assert.equal(p.stepCount, 4);
    assert.deepEqual(p.phases[2].steps.map((s) => [s.index, s.at]), [[4, 'spec.steps[4]']]);
  });

  it('resolves serial percentages against the node count', () => {
    assert.equal(plan([cmd('x')], ['a', 'b', 'c', 'd', 'e'], { serial: '40%' }).serial, 2);
    assert.equal(plan([cmd('x')], ['a'], { serial: 5 }).serial, 1);
  });

  it('narrows to --nodes and refuses nodes the TaskBook does not target', () => {
    const base = { namespace: 'default', run: 'r', runUid: 'u', spec: spec({ targets: { nodes: ['a', 'b'] }, steps: [cmd('x')] }), included: [], targets: ['a', 'b'], live: new Set(['a', 'b']), set: {}, check: false, diff: false, timeoutMs: 1, now: '' };
    assert.deepEqual(planRun({ ...base, only: ['b'] }).nodes, ['b']);
    assert.throws(() => planRun({ ...base, only: ['z'] }), /node 'z' is not targeted/);
    assert.throws(() => planRun({ ...base, targets: [], only: [] }), /selects no nodes/);
  });

  it('records nodes that are not live as unreachable', () => {
    assert.deepEqual(plan([cmd('x')], ['a', 'b'], {}, new Set(['a'])).unreachable, ['b']);
  });
});

describe('fold', () => {
  it('releases one batch at a time and holds everyone at a barrier', () => {
    const w = new World(plan([cmd('s1'), { barrier: 'b1' }, cmd('s2')], ['a', 'b', 'c'], { serial: 1 }));
    w.step();
    assert.deepEqual(w.assigned(), ['a@0']);
    w.step();
    assert.deepEqual(w.assigned(), ['a@0'], 'nothing new until a finishes');
    w.finish('a', 0);
    w.step();
    assert.deepEqual(w.assigned(), ['a@0', 'b@0']);
    w.finish('b', 0);
    w.step();
    assert.deepEqual(w.assigned(), ['a@0', 'b@0', 'c@0'], 'a and b wait at the barrier');
    w.finish('c', 0);
    w.step();
    assert.deepEqual(w.assigned(), ['a@1', 'b@0', 'c@0'], 'phase 2 starts with batch 1');
    assert.equal(w.status.currentPhase, 1);
    for (const n of ['a', 'b', 'c']) {
      w.finish(n, 1);
      w.step();
    }
    assert.equal(w.status.phase, 'Succeeded');
    assert.deepEqual(w.assigned(), []);
    assert.deepEqual(w.events, ['RunSucceeded']);
    assert.deepEqual(Object.values(w.status.nodes!).map((n) => n.state), ['Succeeded', 'Succeeded', 'Succeeded']);
  });

  it('runs a runOnce phase on one live node while the others wait', () => {
    const w = new World(plan([cmd('s1'), cmd('token', { runOnce: true }), cmd('s3')], ['a', 'b', 'c']));
    w.live.delete('a');
    w.step();
    // a is not live: it becomes unreachable when its batch is released
    assert.equal(w.status.nodes!.a.state, 'Unreachable');
    assert.equal(w.status.phase, 'Failed', 'maxFailPercentage 0 aborts on the first unreachable node');

    const w2 = new World(plan([cmd('s1'), cmd('token', { runOnce: true }), cmd('s3')], ['a', 'b', 'c'], { maxFailPercentage: 0 }));
    w2.step();
    for (const n of ['a', 'b', 'c']) w2.finish(n, 0);
    w2.step();
    assert.deepEqual(w2.assigned(), ['a@1', 'b@0', 'c@0'], 'only a runs the once phase');
    w2.finish('a', 1);
    w2.step();
    assert.deepEqual(w2.assigned(), ['a@2', 'b@2', 'c@2']);
  });

  it('aborts when failures pass maxFailPercentage, emitting TaskFailed and RunFailed once', () => {
    const w = new World(plan([cmd('s1')], ['a', 'b', 'c', 'd'], { maxFailPercentage: 25 }));
    w.step();
    w.finish('a', 0, 'failed', { message: 'exit code 2', stepName: 's1' });
    w.step();
    assert.equal(w.status.phase, 'Running', 'one of four is within 25 %');
    assert.equal(w.status.nodes!.a.state, 'Failed');
    w.step();
    assert.deepEqual(w.events, ['TaskFailed:a'], 'not emitted twice');
    w.finish('b', 0, 'failed', { message: 'boom' });
    w.step();
    assert.equal(w.status.phase, 'Failed');
    assert.match(w.status.message!, /2 of 4 nodes failed, more than maxFailPercentage 25/);
    assert.deepEqual(w.events, ['TaskFailed:a', 'TaskFailed:b', 'RunFailed']);
    assert.deepEqual(w.assigned(), []);
    assert.deepEqual([w.status.nodes!.c.state, w.status.nodes!.d.state], ['Cancelled', 'Cancelled']);
    w.step();
    assert.deepEqual(w.events, ['TaskFailed:a', 'TaskFailed:b', 'RunFailed'], 'a finished run stays finished');
  });

  it('succeeds with failures inside the tolerance and says so', () => {
    const w = new World(plan([cmd('s1')], ['a', 'b'], { maxFailPercentage: 50 }));
    w.step();
    w.finish('a', 0, 'failed', { message: 'x' });
    w.finish('b', 0);
    w.step();
    assert.equal(w.status.phase, 'Succeeded');
    assert.match(w.status.message!, /1 of 2 nodes failed \(within maxFailPercentage 50\)/);
  });

  it('marks a node whose daemon went away mid-phase unreachable and does not hang', () => {
    const w = new World(plan([cmd('s1')], ['a', 'b'], { maxFailPercentage: 50 }));
    w.step();
    w.live.delete('b');
    w.finish('a', 0);
    w.step();
    assert.equal(w.status.nodes!.b.state, 'Unreachable');
    assert.equal(w.status.phase, 'Succeeded');
    assert.equal(w.status.counts!.unreachable, 1);
  });

  it('marks nodes that were not live at planning unreachable without assigning them', () => {
    const p = plan([cmd('s1')], ['a', 'b'], { maxFailPercentage: 100 }, new Set(['a']));
    const w = new World(p);
    w.step();
    assert.deepEqual(w.assigned(), ['a@0']);
    assert.equal(w.status.nodes!.b.state, 'Unreachable');
  });

  it('cancels at once', () => {
    const w = new World(plan([cmd('s1')]));
    w.step();
    w.cancel = true;
    w.step();
    assert.equal(w.status.phase, 'Cancelled');
    assert.deepEqual(w.assigned(), []);
    assert.deepEqual(w.events, ['RunCancelled']);
  });

  it('fails a run that passes its timeout and asks to be woken for it', () => {
    const w = new World(plan([cmd('s1')]));
    const out = w.step();
    assert.equal(out.wakeAt, T0 + 3_600_000);
    w.now = T0 + 3_600_000;
    w.step();
    assert.equal(w.status.phase, 'Failed');
    assert.match(w.status.message!, /timed out/);
  });

  it('gives the same answer when called again on its own output', () => {
    const w = new World(plan([cmd('s1'), { barrier: 'x' }, cmd('s2')], ['a', 'b'], { serial: 1 }));
    w.step();
    w.finish('a', 0);
    const first = w.step();
    const again = fold({ plan: w.p, status: w.status, cancel: false, results: w.results, assignments: w.assignments, live: w.live, now: w.now });
    assert.deepEqual(again.status, first.status);
    assert.equal(again.assign.size, 0);
    assert.deepEqual(again.events, []);
  });
});
