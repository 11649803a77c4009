// validateObject for objects without a source document (JSON, gRPC),
// validateStatus for system writes, and specEqual for apply.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError, formatIssue } from '../../src/errors.js';
import {
  MAX_OBJECT_BYTES,
  specEqual,
  validateObject,
  validateObjectOf,
  validateStatus,
} from '../../src/resources/index.js';

const base = { apiVersion: 'flotilla/v1alpha1' };

function invalid(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof InvalidArgumentError, String(err));
    return err;
  }
  assert.fail('accepted');
}

void describe('validateObject', () => {
  void it('normalises a namespaced object: default namespace, empty labels and annotations', () => {
    const o = validateObject({ ...base, kind: 'Run', metadata: { name: 'r1' }, spec: { taskBook: 'web' } });
    assert.deepEqual(o, {
      apiVersion: 'flotilla/v1alpha1',
      kind: 'Run',
      metadata: { name: 'r1', namespace: 'default', labels: {}, annotations: {} },
      spec: { taskBook: 'web' },
    });
  });

  void it('gives a cluster-scoped object no namespace and accepts a missing spec when nothing is required', () => {
    const o = validateObject({ ...base, kind: 'Node', metadata: { name: 'web-1' } });
    assert.deepEqual(o.metadata, { name: 'web-1', labels: {}, annotations: {} });
    assert.deepEqual(o.spec, {});
  });

  void it('drops server-set fields and status on input but keeps resourceVersion', () => {
    const o = validateObject({
      ...base,
      kind: 'Namespace',
      metadata: { name: 'prod', uuid: 'u', resourceVersion: 42, generation: 3, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-02T00:00:00.123Z' },
      spec: {},
      status: { phase: 'Active' },
    });
    assert.deepEqual(o.metadata, { name: 'prod', labels: {}, annotations: {}, resourceVersion: '42' });
    assert.equal(o.status, undefined);
  });

  void it('keeps and checks system fields when asked', () => {
    const input = {
      ...base,
      kind: 'Namespace',
      metadata: { name: 'prod', uuid: 'u', resourceVersion: '42', generation: 3, createdAt: '2024-01-01T00:00:00Z' },
      spec: {},
      status: { phase: 'Active' },
    };
    const o = validateObject(input, { keepSystemFields: true });
    assert.deepEqual(o.metadata, { name: 'prod', labels: {}, annotations: {}, uuid: 'u', resourceVersion: '42', generation: 3, createdAt: '2024-01-01T00:00:00Z' });
    assert.deepEqual(o.status, { phase: 'Active' });
    const err = invalid(() => validateObject({ ...input, status: { phase: 'Gone' } }, { keepSystemFields: true }));
    assert.equal(err.issues[0].path, 'status.phase');
  });

  void it('still type-checks server-set fields it is going to ignore', () => {
    const err = invalid(() => validateObject({ ...base, kind: 'Node', metadata: { name: 'n', createdAt: 'yesterday', generation: -1 } }));
    assert.deepEqual(err.issues.map((i) => i.path), ['metadata.createdAt', 'metadata.generation']);
  });

  void it('accepts apiVersion and kind under metadata as aliases', () => {
    const o = validateObject({ metadata: { name: 'g', apiVersion: 'flotilla/v1alpha1', kind: 'NodeGroup' }, spec: { nodes: ['a'] } });
    assert.equal(o.kind, 'NodeGroup');
    assert.equal(o.apiVersion, 'flotilla/v1alpha1');
    assert.deepEqual(Object.keys(o.metadata).sort(), ['annotations', 'labels', 'name']);
    const same = validateObject({ ...base, kind: 'NodeGroup', metadata: { name: 'g', kind: 'NodeGroup' }, spec: { nodes: ['a'] } });
    assert.equal(same.kind, 'NodeGroup');
  });

  void it('refuses objects over 1 MiB with a clear message', () => {
    const err = invalid(() =>
      validateObject({ ...base, kind: 'Variable', metadata: { name: 'v' }, spec: { value: 'x'.repeat(MAX_OBJECT_BYTES) } }, { source: { file: 'big.json' } }),
    );
    assert.match(formatIssue(err.issues[0]), /^big\.json: object is too large: \d+ bytes as JSON, the limit is 1048576 bytes \(1 MiB\)$/);
  });

  void it('refuses deep and cyclic objects without overflowing the stack', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    assert.match(invalid(() => validateObject({ ...base, kind: 'Variable', metadata: { name: 'v' }, spec: { value: deep } })).message, /nests deeper than 64 levels/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.match(invalid(() => validateObject({ ...base, kind: 'Variable', metadata: { name: 'v' }, spec: { value: cyclic } })).message, /nests deeper than 64 levels/);
  });

  void it('refuses non-JSON values from in-process callers', () => {
    const err = invalid(() => validateObject({ ...base, kind: 'Variable', metadata: { name: 'v' }, spec: { value: { f: () => 1 } } }));
    assert.equal(err.issues[0].path, 'spec.value.f');
  });

  void it('refuses what is not an object', () => {
    for (const v of [null, [], 'x', 1]) assert.match(invalid(() => validateObject(v)).message, /must be a mapping with apiVersion, kind, metadata and spec/);
  });

  void it('names the file and document when given one but no positions', () => {
    const err = invalid(() => validateObject({ ...base, kind: 'Node', metadata: { name: 'UP' } }, { source: { file: 'n.json', document: 2 } }));
    assert.match(err.message, /^n\.json: document 2: metadata\.name: 'UP' is not a valid name/);
  });

  void it('narrows to one kind', () => {
    const o = validateObjectOf('Run', { ...base, kind: 'Run', metadata: { name: 'r' }, spec: { taskBook: 'web' } });
    assert.equal(o.spec.taskBook, 'web');
    assert.throws(() => validateObjectOf('TaskBook', { ...base, kind: 'Run', metadata: { name: 'r' }, spec: { taskBook: 'web' } }), /must be TaskBook/);
  });

  void it('accepts a Run carrying an inline TaskBook', () => {
    const o = validateObject({ ...base, kind: 'Run', metadata: { name: 'r' }, spec: { inline: { targets: { nodes: ['a'] }, steps: [{ command: { cmd: 'x' } }] } } });
    assert.ok(o.spec);
  });
});

void describe('validateStatus', () => {
  void it('checks and returns a Run status', () => {
    const status = {
      phase: 'Running',
      nodes: { 'web-1': { state: 'Running', step: 2, stepName: 'nginx config', phase: 0, batch: 1 } },
      counts: { ok: 3, changed: 1, failed: 0, skipped: 0, unreachable: 0 },
      startedAt: '2024-05-01T10:00:00Z',
      includes: [{ url: 'https://git.example.com/x.git', ref: 'main', path: 'a.yaml', commit: 'a'.repeat(40) }],
    };
    assert.deepEqual(validateStatus('Run', status), status);
  });

  void it('reports status paths', () => {
    const err = invalid(() => validateStatus('Run', { phase: 'Done', nodes: { Bad_Node: { state: 'Running' } }, counts: { ok: -1 } }));
    assert.deepEqual(err.issues.map((i) => i.path).sort(), [
      'status.counts.changed',
      'status.counts.failed',
      'status.counts.ok',
      'status.counts.skipped',
      'status.counts.unreachable',
      'status.nodes.Bad_Node',
      'status.phase',
    ]);
  });

  void it('checks Node facts and keeps free-form ones', () => {
    const status = {
      addresses: [{ type: 'InternalIP', address: '10.0.0.5' }],
      version: '0.1.0',
      facts: { os: 'linux', distribution: 'debian', distributionVersion: '12', cpus: 2, memoryBytes: 2_000_000_000, disks: [{ mount: '/', sizeBytes: 1 }] },
      gossip: { state: 'alive', since: '2024-05-01T10:00:00Z' },
      heartbeatAt: '2024-05-01T10:00:00Z',
    };
    assert.deepEqual(validateStatus('Node', status), status);
    assert.equal(invalid(() => validateStatus('Node', { facts: { cpus: 'two' } })).issues[0].path, 'status.facts.cpus');
    assert.equal(invalid(() => validateStatus('Node', { gossip: { state: 'zombie', since: '2024-05-01T10:00:00Z' } })).issues[0].path, 'status.gossip.state');
  });

  void it('checks the statuses of the other kinds', () => {
    assert.deepEqual(validateStatus('NodeGroup', { nodes: ['a', 'b'], count: 2 }), { nodes: ['a', 'b'], count: 2 });
    assert.deepEqual(validateStatus('CronJob', { lastScheduleAt: '2024-05-01T03:30:00+02:00', lastRun: 'r', active: ['r'] }).active, ['r']);
    assert.equal(validateStatus('Repository', { syncedCommit: 'b'.repeat(40), objects: [{ kind: 'TaskBook', namespace: 'default', name: 'web' }] }).objects?.length, 1);
    assert.deepEqual(validateStatus('Event', {}), {});
    assert.throws(() => validateStatus('Event', { x: 1 }), /unknown field 'x'/);
    assert.throws(() => validateStatus('Gadget', {}), /unknown kind 'Gadget'/);
  });
});

void describe('specEqual', () => {
  void it('ignores key order and undefined properties', () => {
    assert.equal(specEqual({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 }), true);
    assert.equal(specEqual({ a: 1, b: undefined }, { a: 1 }), true);
  });

  void it('sees list order, nulls, types and extra keys', () => {
    assert.equal(specEqual([1, 2], [2, 1]), false);
    assert.equal(specEqual({ a: null }, {}), false);
    assert.equal(specEqual({ a: 1 }, { a: '1' }), false);
    assert.equal(specEqual({ a: 1 }, { a: 1, b: 2 }), false);
    assert.equal(specEqual([], {}), false);
    assert.equal(specEqual(undefined, {}), false);
    assert.equal(specEqual(undefined, undefined), true);
  });
});
