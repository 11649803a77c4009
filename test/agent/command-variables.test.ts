// valueFrom.command variables: which node computes them and when (pure), and
// end to end on one daemon: the daemon runs the command, writes the value to
// status, a run's template reads it; a failing command says why and keeps
// nothing half-written; a spec change runs it again; a variable pinned to
// another node is left alone.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chooseNode, commandDue, COMMAND_RETRY_MS, CommandVariables } from '../../src/agent/command-variables.js';
import { protoToResource, type ProtoObject } from '../../src/api/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/log.js';
import type { ResourceObject, RunStatus, VariableSpec, VariableStatus } from '../../src/resources/index.js';
import { Client, apply, get } from '../helpers/api.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';

describe('chooseNode', () => {
  const nodes = [
    { name: 'web-2', labels: { role: 'web' } },
    { name: 'web-1', labels: { role: 'web' } },
    { name: 'db-1', labels: { role: 'db' } },
  ];
  const groups = new Map([['web', { selector: { matchLabels: { role: 'web' } } }]]);
  const cmd = (extra: Partial<VariableSpec> = {}, node?: string): VariableSpec => ({ valueFrom: { command: { cmd: 'true', ...(node ? { node } : {}) } }, ...extra });
  const all = new Set(['web-1', 'web-2', 'db-1']);

  it('takes the pinned node, even when it is not live', () => {
    assert.equal(chooseNode(cmd({}, 'web-2'), nodes, groups, all), 'web-2');
    assert.equal(chooseNode(cmd({}, 'gone'), nodes, groups, all), 'gone');
  });
  it('takes the first live node by name of the scope', () => {
    assert.equal(chooseNode(cmd(), nodes, groups, all), 'db-1');
    assert.equal(chooseNode(cmd(), nodes, groups, new Set(['web-2', 'web-1'])), 'web-1');
    assert.equal(chooseNode(cmd({ scope: { nodeGroup: 'web' } }), nodes, groups, all), 'web-1');
    assert.equal(chooseNode(cmd({ scope: { nodeGroup: 'web' } }), nodes, groups, new Set(['web-2', 'db-1'])), 'web-2');
    assert.equal(chooseNode(cmd({ scope: { node: 'web-2' } }), nodes, groups, all), 'web-2');
  });
  it('has no node when nothing in the scope is live or the NodeGroup is missing', () => {
    assert.equal(chooseNode(cmd({ scope: { node: 'web-2' } }), nodes, groups, new Set(['web-1'])), undefined);
    assert.equal(chooseNode(cmd({ scope: { nodeGroup: 'web' } }), nodes, groups, new Set(['db-1'])), undefined);
    assert.equal(chooseNode(cmd({ scope: { nodeGroup: 'nope' } }), nodes, groups, all), undefined);
    assert.equal(chooseNode(cmd(), nodes, groups, new Set()), undefined);
  });
});

describe('commandDue', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const v = (status: VariableStatus | undefined, refresh?: string, generation = 2) => ({
    metadata: { name: 'v', generation },
    spec: { valueFrom: { command: { cmd: 'true', ...(refresh ? { refresh } : {}) } } } as VariableSpec,
    ...(status ? { status } : {}),
  });

  it('is due when never computed or computed for an older spec', () => {
    assert.equal(commandDue(v(undefined), t0), true);
    assert.equal(commandDue(v({ value: 'x', computedAt: at(0), observedGeneration: 1 }), t0), true);
  });
  it('is not due again for the same spec without refresh', () => {
    assert.equal(commandDue(v({ value: 'x', computedAt: at(0), observedGeneration: 2 }), t0 + 86_400_000), false);
  });
  it('is due every refresh', () => {
    const s = { value: 'x', computedAt: at(0), observedGeneration: 2 };
    assert.equal(commandDue(v(s, '1m'), t0 + 59_000), false);
    assert.equal(commandDue(v(s, '1m'), t0 + 60_000), true);
  });
  it('retries a failure after COMMAND_RETRY_MS', () => {
    const s = { error: 'exit code 1', computedAt: at(0), observedGeneration: 2 };
    assert.equal(commandDue(v(s), t0 + COMMAND_RETRY_MS - 1), false);
    assert.equal(commandDue(v(s), t0 + COMMAND_RETRY_MS), true);
  });
  it('is never due for a variable without a command', () => {
    assert.equal(commandDue({ metadata: { name: 'v' }, spec: { value: 1 } }, t0), false);
  });
});

describe('command variables on a daemon', () => {
  let d: TestDaemon;
  let c: Client;
  let dir: string;
  before(async () => {
    d = await startTestDaemon({ name: 'cv-node' });
    c = new Client(d.address, 30_000);
    dir = await mkdtemp(join(tmpdir(), 'flotilla-cv-'));
  });
  after(async () => {
    c?.close();
    await d?.[Symbol.asyncDispose]();
    await rm(dir, { recursive: true, force: true });
  });

  const variable = (kind: 'Variable' | 'ClusterVariable', name: string, command: Record<string, unknown>): ResourceObject => ({
    apiVersion: 'flotilla/v1alpha1',
    kind,
    metadata: kind === 'Variable' ? { name, namespace: 'default' } : { name },
    spec: { valueFrom: { command } },
  });
  const statusOf = async (kind: string, name: string) => {
    const o = await get(c, kind, name, kind === 'Variable' ? 'default' : undefined);
    return { status: (o.status ?? {}) as VariableStatus, generation: o.metadata.generation };
  };

  it('computes the value on the chosen node and a run reads it', async () => {
    await apply(c, variable('Variable', 'answer', { cmd: 'printf "  %s\\n" "computed-$((6 * 7))"' }));
    await assertEventually(
      async () => {
        const { status, generation } = await statusOf('Variable', 'answer');
        assert.equal(status.value, 'computed-42', `status ${JSON.stringify(status)}`);
        assert.equal(status.node, 'cv-node', 'computed on this node');
        assert.equal(status.observedGeneration, generation, 'for the current spec');
        assert.equal(status.error, undefined, 'no error');
      },
      { timeoutMs: 30_000 },
    );
    const out = join(dir, 'answer.txt');
    await apply(c, {
      apiVersion: 'flotilla/v1alpha1',
      kind: 'TaskBook',
      metadata: { name: 'uses-answer', namespace: 'default' },
      spec: { targets: { nodes: ['cv-node'] }, steps: [{ name: 'write', file: { path: out, template: 'answer={{vars.answer}}\n' } }] },
    });
    const run = protoToResource(await c.call<ProtoObject>('RunService', 'Start', { task_book: 'uses-answer', namespace: 'default', nodes: [], check: false, diff: false, name: '' }));
    await assertEventually(
      async () => {
        const r = await get(c, 'Run', run.metadata.name, 'default');
        assert.equal((r.status as RunStatus | undefined)?.phase, 'Succeeded', `run ${JSON.stringify(r.status)}`);
      },
      { timeoutMs: 30_000 },
    );
    assert.equal(await readFile(out, 'utf8'), 'answer=computed-42\n');
  });

  it('records a failure with its stderr, then a spec change computes it again', async () => {
    await apply(c, variable('ClusterVariable', 'flaky', { cmd: 'echo "no such thing" >&2; exit 3' }));
    await assertEventually(
      async () => {
        const { status } = await statusOf('ClusterVariable', 'flaky');
        assert.equal(status.error, 'exit code 3: no such thing', `status ${JSON.stringify(status)}`);
        assert.equal(status.value, undefined, 'no value');
      },
      { timeoutMs: 30_000 },
    );
    await apply(c, variable('ClusterVariable', 'flaky', { cmd: 'echo fixed' }));
    await assertEventually(
      async () => {
        const { status, generation } = await statusOf('ClusterVariable', 'flaky');
        assert.equal(status.value, 'fixed', `status ${JSON.stringify(status)}`);
        assert.equal(status.error, undefined, 'the error is gone');
        assert.equal(status.observedGeneration, generation, 'for the new spec');
      },
      { timeoutMs: 30_000 },
    );
  });

  it('fails a command that outlives its timeout, and leaves one pinned to another node alone', async () => {
    await apply(c, variable('Variable', 'slow', { cmd: 'sleep 30', timeout: '200ms' }));
    await apply(c, variable('Variable', 'elsewhere', { cmd: 'echo should-not-run', node: 'other-node' }));
    await assertEventually(
      async () => {
        const { status } = await statusOf('Variable', 'slow');
        assert.equal(status.error, 'timed out after 200ms', `status ${JSON.stringify(status)}`);
      },
      { timeoutMs: 30_000 },
    );
    // a pass of this node's own worker, awaited: nothing pinned elsewhere runs here
    const worker = new CommandVariables({ objects: d.daemon.objects, store: d.daemon.store, clock: systemClock, log: silentLogger(), node: 'cv-node' });
    await worker.tick(new AbortController().signal);
    await worker.idle();
    assert.deepEqual((await statusOf('Variable', 'elsewhere')).status, {});
  });
});
