// The executor's result writes (src/agent/executor.ts): one per finished
// step, the last one also ending the phase; a "step N running" write only for
// a step still running after PROGRESS_DELAY_MS (fake clock); handlers after
// the steps when notified. Real command and file modules, files under a temp
// dir.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROGRESS_DELAY_MS, executePhase, type ExecutorDeps } from '../../src/agent/executor.js';
import { silentLogger } from '../../src/log.js';
import { createRegistry, defaultModules } from '../../src/modules/index.js';
import { defaultClusterConfig, kindInfo, type TaskBookSpec } from '../../src/resources/index.js';
import { planRun } from '../../src/runs/plan.js';
import type { NodeResult, RunPlan } from '../../src/runs/model.js';
import { TemplateEngine } from '../../src/templates/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { assertEventually } from '../helpers/eventually.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-executor-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function plan(spec: TaskBookSpec): RunPlan {
  return planRun({
    namespace: 'default',
    run: 'r1',
    runUid: 'u1',
    taskBook: 'tb',
    spec: kindInfo('TaskBook').withDefaults(spec, defaultClusterConfig(), { name: 'tb', namespace: 'default' }),
    included: [],
    targets: ['n1'],
    only: [],
    live: new Set(['n1']),
    set: {},
    check: false,
    diff: false,
    timeoutMs: 3_600_000,
    now: new Date(0).toISOString(),
  });
}

function deps(clock: FakeClock, writes: NodeResult[]): ExecutorDeps {
  const modules = createRegistry(defaultModules());
  return {
    node: 'n1',
    clock,
    log: silentLogger(),
    templates: new TemplateEngine(),
    moduleFor: (step) => modules.moduleFor(step),
    writeResult: async (r) => void writes.push(structuredClone(r)),
    exportVariable: async () => undefined,
  };
}

const summary = (w: NodeResult) => `${w.state} ${w.stepName ?? '-'} [${w.completed.join(',')}]`;

describe('executor writes', () => {
  it('writes once per quick step, the last write ending the phase', async () => {
    const writes: NodeResult[] = [];
    const p = plan({ targets: { nodes: ['n1'] }, steps: [1, 2, 3].map((i) => ({ name: `s${i}`, command: { cmd: 'true' } })) });
    const r = await executePhase({ plan: p, phase: 0, previous: undefined, context: {}, signal: new AbortController().signal }, deps(new FakeClock(0), writes));
    assert.equal(r.state, 'done');
    assert.deepEqual(writes.map(summary), ['running s1 [0]', 'running s2 [0,1]', 'done s3 [0,1,2]']);
  });

  it('writes "step running" for a step still running after the delay, before its result', async () => {
    const writes: NodeResult[] = [];
    const go = join(dir, 'go');
    const clock = new FakeClock(0);
    const p = plan({ targets: { nodes: ['n1'] }, steps: [{ name: 'slow', command: { cmd: `while [ ! -e ${go} ]; do sleep 0.01; done` } }, { name: 'quick', command: { cmd: 'true' } }] });
    const running = executePhase({ plan: p, phase: 0, previous: undefined, context: {}, signal: new AbortController().signal }, deps(clock, writes));
    await clock.advance(PROGRESS_DELAY_MS - 1);
    assert.deepEqual(writes.map(summary), [], 'nothing written before the delay');
    await clock.advance(1);
    await assertEventually(() => assert.deepEqual(writes.map(summary), ['running slow []'], 'the step-start write'), { timeoutMs: 10_000 });
    await writeFile(go, '');
    const r = await running;
    assert.equal(r.state, 'done');
    assert.deepEqual(writes.map(summary), ['running slow []', 'running slow [0]', 'done quick [0,1]']);
  });

  it('runs a notified handler after the steps and ends the phase with its write', async () => {
    const writes: NodeResult[] = [];
    const marker = join(dir, 'handled');
    const p = plan({
      targets: { nodes: ['n1'] },
      steps: [{ name: 'change', file: { path: join(dir, 'conf'), content: 'x\n' }, notify: ['reload'] }],
      handlers: [{ name: 'reload', command: { cmd: `touch ${marker}` } }],
    });
    const r = await executePhase({ plan: p, phase: 0, previous: undefined, context: {}, signal: new AbortController().signal }, deps(new FakeClock(0), writes));
    assert.equal(r.state, 'done');
    assert.ok(existsSync(marker), 'the handler ran');
    assert.deepEqual(writes.map(summary), ['running change [0]', 'running handler reload [0]', 'done handler reload [0]']);
  });

  it('an export that fails leaves the result naming the exporting step', async () => {
    const writes: NodeResult[] = [];
    const p = plan({ targets: { nodes: ['n1'] }, steps: [{ name: 'first', command: { cmd: 'true' } }, { name: 'token', runOnce: true, command: { cmd: 'echo t0k3n' }, export: { variable: 'token' } }] });
    const once = p.phases.findIndex((ph) => ph.once);
    assert.ok(once > 0, 'the runOnce step has a phase of its own');
    const d = { ...deps(new FakeClock(0), writes), exportVariable: () => Promise.reject(new Error('store said no')) };
    await assert.rejects(executePhase({ plan: p, phase: once, previous: undefined, context: {}, signal: new AbortController().signal }, d), /store said no/);
    assert.equal(writes.at(-1)?.stepName, 'token');
  });

  it('a failed step is the last write, naming that step', async () => {
    const writes: NodeResult[] = [];
    const p = plan({ targets: { nodes: ['n1'] }, steps: [{ name: 'ok', command: { cmd: 'true' } }, { name: 'bad', command: { cmd: 'exit 3' } }, { name: 'never', command: { cmd: 'true' } }] });
    const r = await executePhase({ plan: p, phase: 0, previous: undefined, context: {}, signal: new AbortController().signal }, deps(new FakeClock(0), writes));
    assert.equal(r.state, 'failed');
    assert.deepEqual(writes.map(summary), ['running ok [0]', 'failed bad [0,1]']);
  });
});
