// withDefaults per kind: spot checks that defaults come from the kind and
// from the cluster Config, and that the input spec is left alone.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  clusterConfigFrom,
  defaultClusterConfig,
  defaultedObject,
  kindInfo,
  validateObject,
  type TypedObject,
} from '../../src/resources/index.js';

const cluster = defaultClusterConfig();
const meta = { name: 'obj', namespace: 'default' };

function object<K extends Parameters<typeof kindInfo>[0]>(kind: K, spec: unknown, name = 'obj'): TypedObject<K> {
  return validateObject({ apiVersion: 'flotilla/v1alpha1', kind, metadata: { name }, spec }) as TypedObject<K>;
}

void describe('Config defaults', () => {
  void it('has a default for every field', () => {
    const d = clusterConfigFrom(undefined);
    assert.deepEqual(d, defaultClusterConfig());
    assert.deepEqual(d.runs, { strategy: { serial: '100%', maxFailPercentage: 0 }, stepTimeout: '10m', runTimeout: '6h' });
    assert.equal(d.gossip.probeInterval, '600ms');
    assert.equal(d.nodes.leaseTtl, '10s');
  });

  void it('keeps what the Config sets and fills the rest', () => {
    const c = clusterConfigFrom({ runs: { strategy: { serial: 2 } }, gossip: { suspicionMult: 6 } });
    assert.deepEqual(c.runs.strategy, { serial: 2, maxFailPercentage: 0 });
    assert.equal(c.gossip.suspicionMult, 6);
    assert.equal(c.gossip.indirectChecks, 3);
  });
});

void describe('TaskBook defaults', () => {
  const spec = {
    targets: { nodeGroup: 'web' },
    include: [{ git: { url: 'https://git.example.com/x.git', path: 'a.yaml' } }],
    steps: [
      { file: { path: '/etc/motd', content: 'hi' } },
      { barrier: 'everyone' },
      { name: 'token', runOnce: true, command: { cmd: 'make-token' }, export: { variable: 'tok' }, timeout: '1m' },
      { package: { name: ['nginx', 'curl'] }, notify: ['h'] },
    ],
    handlers: [{ name: 'h', command: { argv: ['systemctl', 'reload', 'nginx'] } }],
  };

  void it('takes strategy and timeouts from the cluster Config', () => {
    const c = clusterConfigFrom({ runs: { strategy: { serial: '50%' }, stepTimeout: '2m', runTimeout: '1h' } });
    const d = kindInfo('TaskBook').withDefaults(object('TaskBook', spec).spec, c, meta);
    assert.deepEqual(d.strategy, { serial: '50%', maxFailPercentage: 0 });
    assert.equal(d.timeout, '1h');
    assert.equal(d.steps[0].timeout, '2m');
    assert.equal(d.steps[2].timeout, '1m');
    assert.equal(d.handlers[0].timeout, '2m');
  });

  void it('names steps, fills controls and module args, and leaves barriers bare', () => {
    const d = kindInfo('TaskBook').withDefaults(object('TaskBook', spec).spec, cluster, meta);
    assert.deepEqual(d.steps.map((s) => s.name), ['file /etc/motd', 'everyone', 'token', 'package nginx, curl']);
    assert.deepEqual(d.steps[1], { name: 'everyone', barrier: 'everyone' });
    assert.deepEqual([d.steps[0].retries, d.steps[0].delay, d.steps[0].ignoreErrors, d.steps[0].runOnce], [0, '0s', false, false]);
    assert.deepEqual([d.steps[0].file?.state, d.steps[0].file?.backup], ['present', false]);
    assert.deepEqual([d.steps[3].package?.state, d.steps[3].package?.manager], ['present', 'auto']);
    assert.equal(d.steps[2].command?.timeout, '1m');
    assert.equal(d.steps[2].command?.maxOutputBytes, 65_536);
    assert.equal(d.steps[2].command?.changedWhen, true);
    assert.equal(d.include[0].git.ref, 'HEAD');
    assert.deepEqual(d.vars, {});
  });

  void it('does not modify the spec it is given', () => {
    const obj = object('TaskBook', spec);
    const before = JSON.stringify(obj.spec);
    defaultedObject(obj, cluster);
    assert.equal(JSON.stringify(obj.spec), before);
  });
});

void describe('other kinds', () => {
  void it('CronJob: UTC, Forbid, a 5m deadline and history limits 3 / 1', () => {
    const d = kindInfo('CronJob').withDefaults(object('CronJob', { schedule: '@daily', taskBook: 'web' }).spec, cluster, meta);
    assert.deepEqual(d, {
      schedule: '@daily',
      timezone: 'UTC',
      taskBook: 'web',
      vars: {},
      concurrencyPolicy: 'Forbid',
      startingDeadline: '5m',
      suspend: false,
      successfulRunsHistoryLimit: 3,
      failedRunsHistoryLimit: 1,
    });
  });

  void it('CronJob with inline steps gets the cluster strategy and step defaults', () => {
    const d = kindInfo('CronJob').withDefaults(
      object('CronJob', { schedule: '0 * * * *', targets: { nodes: ['a'] }, steps: [{ command: { cmd: 'x' } }] }).spec,
      cluster,
      meta,
    );
    assert.deepEqual(d.strategy, { serial: '100%', maxFailPercentage: 0 });
    assert.equal(d.steps?.[0].timeout, '10m');
    assert.deepEqual(d.handlers, []);
  });

  void it('Beacon: a 1m interval, OnChange, and check defaults', () => {
    const d = kindInfo('Beacon').withDefaults(object('Beacon', { targets: { nodes: ['a'] }, check: { disk: { maxUsedPercent: 90 } } }).spec, cluster, meta);
    assert.deepEqual([d.interval, d.timeout, d.emit, d.reason], ['1m', '10s', 'OnChange', 'BeaconCheck']);
    assert.deepEqual(d.check, { disk: { path: '/', maxUsedPercent: 90 } });
    const fast = kindInfo('Beacon').withDefaults(object('Beacon', { targets: { nodes: ['a'] }, interval: '2s', check: { http: { url: 'http://127.0.0.1/' } } }).spec, cluster, meta);
    assert.equal(fast.timeout, '2s');
    assert.equal(fast.check.http?.expectStatus, 200);
  });

  void it('Trigger: count 1 in 5m, no cooldown, windows on every day in UTC', () => {
    const d = kindInfo('Trigger').withDefaults(
      object('Trigger', { match: { reason: 'DiskFull' }, taskBook: 'x', timeWindows: [{ start: '22:00', end: '06:00' }] }).spec,
      cluster,
      meta,
    );
    assert.deepEqual(d.condition, { count: 1, window: '5m' });
    assert.equal(d.cooldown, '0s');
    assert.equal(d.runOn, 'Targets');
    assert.deepEqual(d.timeWindows, [{ days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], start: '22:00', end: '06:00', timezone: 'UTC' }]);
  });

  void it('Variable: key from metadata.name', () => {
    const d = kindInfo('Variable').withDefaults(object('Variable', { value: 1 }).spec, cluster, { name: 'join-token', namespace: 'default' });
    assert.deepEqual(d, { value: 1, scope: {}, key: 'join-token' });
    const c = kindInfo('ClusterVariable').withDefaults(object('ClusterVariable', { valueFrom: { command: { cmd: 'hostname' } }, key: 'h' }).spec, cluster, meta);
    assert.deepEqual(c, { valueFrom: { command: { cmd: 'hostname', timeout: '30s' } }, scope: {}, key: 'h' });
  });

  void it('Repository: HEAD, the root path, 5m, prune, and its own namespace', () => {
    const d = kindInfo('Repository').withDefaults(object('Repository', { url: 'git@git.example.com:infra/fleet.git' }).spec, cluster, { name: 'r', namespace: 'ops' });
    assert.deepEqual(d, { url: 'git@git.example.com:infra/fleet.git', ref: 'HEAD', path: '.', namespace: 'ops', interval: '5m', prune: true });
  });

  void it('Run: no set, all nodes, neither check nor diff', () => {
    const d = kindInfo('Run').withDefaults(object('Run', { taskBook: 'web' }).spec, cluster, meta);
    assert.deepEqual(d, { taskBook: 'web', set: {}, nodes: [], check: false, diff: false, cancel: false });
  });

  void it('Secret: a Vault token from VAULT_TOKEN, a 30s command timeout', () => {
    const v = kindInfo('Secret').withDefaults(object('Secret', { provider: { vault: { url: 'https://v.example.com', path: 'p', field: 'f' } } }).spec, cluster, meta);
    assert.deepEqual(v.provider?.vault?.tokenFrom, { env: { name: 'VAULT_TOKEN' } });
    const c = kindInfo('Secret').withDefaults(object('Secret', { provider: { command: { cmd: 'pass show x' } } }).spec, cluster, meta);
    assert.equal(c.provider?.command?.timeout, '30s');
  });

  void it('Namespace, Node, NodeGroup, Event, binding: the small ones', () => {
    assert.deepEqual(kindInfo('Namespace').withDefaults({}, cluster, meta), { description: '' });
    assert.deepEqual(kindInfo('Node').withDefaults({}, cluster, meta), { unschedulable: false });
    assert.deepEqual(kindInfo('NodeGroup').withDefaults({ nodes: ['a'] }, cluster, meta), { nodes: ['a'] });
    assert.deepEqual(kindInfo('NodeGroup').withDefaults({ selector: {} }, cluster, meta), { selector: { matchLabels: {}, matchExpressions: [] }, nodes: [] });
    const e = kindInfo('Event').withDefaults({ type: 'Normal', reason: 'RunStarted', message: 'm', source: { component: 'controller' }, firstAt: '2024-01-01T00:00:00Z' }, cluster, meta);
    assert.deepEqual([e.count, e.lastAt], [1, '2024-01-01T00:00:00Z']);
    assert.deepEqual(kindInfo('ClusterVariableBinding').withDefaults({ clusterVariables: ['a'], namespaces: ['*'] }, cluster, meta), { clusterVariables: ['a'], namespaces: ['*'] });
  });
});
