// The gRPC API through a real client against a real daemon (embedded store):
// CRUD and Watch for every kind, preconditions, status protection, paging,
// label selectors, namespaces, compaction resync, error codes.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KINDS, type ResourceObject } from '../../src/resources/index.js';
import { Client, apply, exampleObjects, get, list, rejectsWith, watch } from '../helpers/api.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
let c: Client;

before(async () => {
  d = await startTestDaemon({ name: 'api-node', labels: { role: 'api' } });
  c = new Client(d.address, 10_000);
});
after(async () => {
  c?.close();
  await d?.[Symbol.asyncDispose]();
});

function withLabel(obj: ResourceObject, k: string, v: string): ResourceObject {
  return { ...obj, metadata: { ...obj.metadata, labels: { ...(obj.metadata.labels ?? {}), [k]: v } } };
}

describe('CRUD and watch for every kind', () => {
  const examples = exampleObjects();
  it('has an example object for every kind', () => {
    const kinds = new Set(examples.map((o) => o.kind));
    assert.deepEqual(KINDS.map((k) => k.kind).filter((k) => !kinds.has(k)), []);
  });

  for (const k of KINDS) {
    it(`creates, reads, lists, updates, watches and deletes a ${k.kind}`, async () => {
      // namespaces the examples live in must exist first
      for (const ns of examples.filter((o) => o.kind === 'Namespace')) await apply(c, ns);
      const base = examples.find((o) => o.kind === k.kind)!;
      const obj = { ...base, metadata: { ...base.metadata, name: `${base.metadata.name}-crud`.slice(0, 63) } };
      if (k.kind === 'Config') obj.metadata.name = 'cluster';
      const ns = k.namespaced ? (obj.metadata.namespace ?? 'default') : '';
      const start = await list(c, k.kind, { namespace: ns });
      const w = watch(c, k.kind, { namespace: ns, resource_version: start.resourceVersion });

      const created = await apply(c, obj);
      assert.ok(['created', 'configured'].includes(created.result), created.result);
      // a new object starts at generation 1; the cluster Config exists already, so applying it is an update (at least 1)
      if (created.result === 'created') assert.equal(created.object.metadata.generation, 1);
      else assert.ok((created.object.metadata.generation ?? 0) >= 1, `generation ${created.object.metadata.generation}`);
      assert.match(created.object.metadata.uuid ?? '', /^[0-9a-f-]{36}$/);
      assert.match(created.object.metadata.resourceVersion ?? '', /^\d+$/);
      assert.ok(created.object.metadata.createdAt);

      const got = await get(c, k.kind, obj.metadata.name, ns);
      assert.equal(got.metadata.uuid, created.object.metadata.uuid);
      // the system may have written status since (a Run gets planned): never older
      assert.ok(BigInt(got.metadata.resourceVersion!) >= BigInt(created.object.metadata.resourceVersion!));
      if (k.kind !== 'Secret') assert.deepEqual(got.spec, created.object.spec);

      const listed = await list(c, k.kind, { namespace: ns });
      assert.ok(listed.items.some((o) => o.metadata.name === obj.metadata.name));

      assert.equal((await apply(c, obj)).result, 'unchanged');
      const updated = await apply(c, withLabel(obj, 'crud', 'yes'));
      assert.equal(updated.result, 'configured');
      assert.equal(updated.object.metadata.uuid, created.object.metadata.uuid);
      assert.equal(updated.object.metadata.generation, got.metadata.generation, 'a label change does not bump generation');
      assert.ok(BigInt(updated.object.metadata.resourceVersion!) > BigInt(created.object.metadata.resourceVersion!));

      await c.call(`${k.kind}Service`, 'Delete', { name: obj.metadata.name, namespace: ns, resource_version: '' });
      await rejectsWith(get(c, k.kind, obj.metadata.name, ns), 'NOT_FOUND');

      // events until the delete: status writes by the system (a namespace turning Terminating,
      // a Run being planned) may come in between, so check the ones the test caused
      const events: Awaited<ReturnType<typeof w.next>> = [];
      while (events.at(-1)?.type !== 'DELETED') events.push(...(await w.next(1, { skipBookmarks: true })).filter((e) => e.name === obj.metadata.name));
      w.close();
      assert.equal(events[0].type, created.result === 'created' ? 'ADDED' : 'MODIFIED');
      assert.ok(events.slice(1, -1).every((e) => e.type === 'MODIFIED'));
      assert.ok(events.some((e) => e.object?.metadata.labels?.crud === 'yes'), 'the label change was seen');
      assert.ok(BigInt(events[events.length - 1].rv) > BigInt(events[0].rv));
    });
  }
});

const tb = (name: string, extra: Record<string, unknown> = {}): ResourceObject => ({
  apiVersion: 'flotilla/v1alpha1',
  kind: 'TaskBook',
  metadata: { name, namespace: 'default', labels: { app: 'demo' } },
  spec: { targets: { nodes: ['api-node'] }, steps: [{ name: 'hi', command: { cmd: 'echo hi' } }], ...extra },
});

describe('updates and preconditions', () => {
  it('bumps generation only when the spec changes', async () => {
    const a = await apply(c, tb('gen'));
    assert.equal(a.object.metadata.generation, 1);
    const b = await apply(c, tb('gen', { vars: { x: 1 } }));
    assert.equal(b.result, 'configured');
    assert.equal(b.object.metadata.generation, 2);
    assert.equal(b.object.metadata.createdAt, a.object.metadata.createdAt);
  });

  it('refuses an apply whose resourceVersion is stale with ABORTED and stores nothing', async () => {
    const a = await apply(c, tb('rv'));
    await apply(c, tb('rv', { vars: { v: 2 } }));
    const stale = { ...tb('rv', { vars: { v: 3 } }), metadata: { ...tb('rv').metadata, resourceVersion: a.object.metadata.resourceVersion } };
    await rejectsWith(apply(c, stale), 'ABORTED', /resourceVersion/);
    assert.deepEqual((await get(c, 'TaskBook', 'rv', 'default')).spec, tb('rv', { vars: { v: 2 } }).spec);
  });

  it('accepts an apply whose resourceVersion is current', async () => {
    const a = await apply(c, tb('rv-ok'));
    const next = { ...tb('rv-ok', { vars: { v: 1 } }), metadata: { ...tb('rv-ok').metadata, resourceVersion: a.object.metadata.resourceVersion } };
    assert.equal((await apply(c, next)).result, 'configured');
  });

  it('refuses a delete with a stale resourceVersion', async () => {
    const a = await apply(c, tb('del-rv'));
    await apply(c, tb('del-rv', { vars: { v: 1 } }));
    await rejectsWith(c.call('TaskBookService', 'Delete', { name: 'del-rv', namespace: 'default', resource_version: a.object.metadata.resourceVersion }), 'ABORTED');
    await get(c, 'TaskBook', 'del-rv', 'default');
  });

  it('dry run validates and reports without storing', async () => {
    const r = await apply(c, tb('dry'), true);
    assert.equal(r.result, 'created');
    await rejectsWith(get(c, 'TaskBook', 'dry', 'default'), 'NOT_FOUND');
  });

  it('never lets a user apply overwrite status', async () => {
    const node = await get(c, 'Node', 'api-node');
    assert.ok((node.status as { version?: string }).version, 'the daemon wrote status');
    const forged = { ...node, metadata: { name: 'api-node', labels: { ...node.metadata.labels, extra: 'x' } }, status: { version: 'forged' } };
    const res = await apply(c, forged);
    assert.equal(res.result, 'configured');
    const after = await get(c, 'Node', 'api-node');
    assert.equal((after.status as { version?: string }).version, (node.status as { version?: string }).version);
    assert.equal(after.metadata.labels?.extra, 'x');
  });

  it('never returns secret values in plain, and keeps them when the redacted form is applied back', async () => {
    const secret: ResourceObject = { apiVersion: 'flotilla/v1alpha1', kind: 'Secret', metadata: { name: 'token', namespace: 'default' }, spec: { data: { token: 's3cr3t' } } };
    const created = await apply(c, secret);
    assert.deepEqual(created.object.spec, { data: { token: '[redacted]' } });
    const got = await get(c, 'Secret', 'token', 'default');
    assert.deepEqual(got.spec, { data: { token: '[redacted]' } });
    assert.equal((await apply(c, { ...secret, spec: got.spec })).result, 'unchanged');
    const stored = await d.daemon.objects.getInternal('Secret', 'default', 'token');
    assert.deepEqual(stored?.spec, { data: { token: 's3cr3t' } });
  });
});

describe('list', () => {
  it('pages with limit and continue at one revision', async () => {
    for (let i = 0; i < 5; i++) await apply(c, { ...tb(`page-${i}`), metadata: { ...tb(`page-${i}`).metadata, labels: { paging: 'yes' } } });
    const p1 = await list(c, 'TaskBook', { namespace: 'default', label_selector: 'paging=yes', limit: 2 });
    assert.deepEqual(p1.items.map((o) => o.metadata.name), ['page-0', 'page-1']);
    assert.ok(p1.continue);
    await apply(c, { ...tb('page-2a'), metadata: { ...tb('page-2a').metadata, labels: { paging: 'yes' } } });
    const p2 = await list(c, 'TaskBook', { namespace: 'default', label_selector: 'paging=yes', limit: 2, continue: p1.continue });
    assert.deepEqual(p2.items.map((o) => o.metadata.name), ['page-2', 'page-3'], 'the second page reads the first page revision');
    const p3 = await list(c, 'TaskBook', { namespace: 'default', label_selector: 'paging=yes', limit: 2, continue: p2.continue });
    assert.deepEqual(p3.items.map((o) => o.metadata.name), ['page-4']);
    assert.equal(p3.continue, '');
  });

  it('filters by label selector', async () => {
    await apply(c, { ...tb('sel-a'), metadata: { name: 'sel-a', namespace: 'default', labels: { tier: 'web', env: 'prod' } } });
    await apply(c, { ...tb('sel-b'), metadata: { name: 'sel-b', namespace: 'default', labels: { tier: 'db', env: 'prod' } } });
    const names = async (sel: string) => (await list(c, 'TaskBook', { namespace: 'default', label_selector: sel })).items.map((o) => o.metadata.name);
    assert.deepEqual(await names('env=prod,tier in (web)'), ['sel-a']);
    assert.deepEqual(await names('env=prod,tier!=web'), ['sel-b']);
    assert.deepEqual(await names('tier,!nope,env=prod'), ['sel-a', 'sel-b']);
    await rejectsWith(names('tier in web'), 'INVALID_ARGUMENT', /selector|in/);
  });

  it('rejects a forged continue token', async () => {
    await rejectsWith(list(c, 'TaskBook', { namespace: 'default', limit: 1, continue: 'garbage' }), 'INVALID_ARGUMENT', /continue/);
  });

  it('lists across namespaces with all_namespaces', async () => {
    await apply(c, { apiVersion: 'flotilla/v1alpha1', kind: 'Namespace', metadata: { name: 'other' }, spec: {} });
    await apply(c, { ...tb('in-other'), metadata: { name: 'in-other', namespace: 'other' } });
    const all = await list(c, 'TaskBook', { all_namespaces: true });
    assert.ok(all.items.some((o) => o.metadata.namespace === 'other' && o.metadata.name === 'in-other'));
    assert.ok(all.items.some((o) => o.metadata.namespace === 'default'));
  });
});

describe('namespaces', () => {
  it('has default and system, which cannot be deleted', async () => {
    const names = (await list(c, 'Namespace')).items.map((o) => o.metadata.name);
    assert.ok(names.includes('default') && names.includes('system'));
    await rejectsWith(c.call('NamespaceService', 'Delete', { name: 'default', namespace: '', resource_version: '' }), 'FAILED_PRECONDITION', /built in/);
  });

  it('refuses objects in a missing namespace and stores nothing', async () => {
    await rejectsWith(apply(c, { ...tb('lost'), metadata: { name: 'lost', namespace: 'nowhere' } }), 'NOT_FOUND', /namespace 'nowhere'/);
    assert.equal((await list(c, 'TaskBook', { all_namespaces: true })).items.filter((o) => o.metadata.name === 'lost').length, 0);
  });

  it('refuses to delete a namespace that holds objects, and deletes it once empty', async () => {
    await apply(c, { apiVersion: 'flotilla/v1alpha1', kind: 'Namespace', metadata: { name: 'full' }, spec: {} });
    await apply(c, { ...tb('inside'), metadata: { name: 'inside', namespace: 'full' } });
    await rejectsWith(c.call('NamespaceService', 'Delete', { name: 'full', namespace: '', resource_version: '' }), 'FAILED_PRECONDITION', /still holds 1 TaskBook/);
    assert.equal(((await get(c, 'Namespace', 'full')).status as { phase: string }).phase, 'Active');
    assert.equal((await apply(c, { ...tb('second'), metadata: { name: 'second', namespace: 'full' } })).result, 'created', 'still usable');
    await c.call('TaskBookService', 'Delete', { name: 'inside', namespace: 'full', resource_version: '' });
    await c.call('TaskBookService', 'Delete', { name: 'second', namespace: 'full', resource_version: '' });
    await c.call('NamespaceService', 'Delete', { name: 'full', namespace: '', resource_version: '' });
    await rejectsWith(get(c, 'Namespace', 'full'), 'NOT_FOUND');
  });
});

describe('watch', () => {
  it('sends current objects as ADDED then a BOOKMARK when no revision is given', async () => {
    await apply(c, { ...tb('w-init'), metadata: { name: 'w-init', namespace: 'default', labels: { w: 'init' } } });
    const w = watch(c, 'TaskBook', { namespace: 'default', label_selector: 'w=init' });
    const evs = await w.next(2);
    w.close();
    assert.deepEqual(evs.map((e) => [e.type, e.name]), [['ADDED', 'w-init'], ['BOOKMARK', undefined]]);
  });

  it('watches one object by name', async () => {
    const start = await apply(c, tb('w-one'));
    const w = watch(c, 'TaskBook', { namespace: 'default', name: 'w-one', resource_version: start.object.metadata.resourceVersion });
    await apply(c, tb('w-one2'));
    await apply(c, tb('w-one', { vars: { a: 1 } }));
    const evs = await w.next(1, { skipBookmarks: true });
    w.close();
    assert.deepEqual(evs.map((e) => [e.type, e.name]), [['MODIFIED', 'w-one']]);
  });

  it('turns label changes into ADDED and DELETED for a selector', async () => {
    const base = await list(c, 'TaskBook', { namespace: 'default' });
    const w = watch(c, 'TaskBook', { namespace: 'default', label_selector: 'color=blue', resource_version: base.resourceVersion });
    await apply(c, { ...tb('chameleon'), metadata: { name: 'chameleon', namespace: 'default', labels: { color: 'red' } } });
    await apply(c, { ...tb('chameleon'), metadata: { name: 'chameleon', namespace: 'default', labels: { color: 'blue' } } });
    await apply(c, { ...tb('chameleon'), metadata: { name: 'chameleon', namespace: 'default', labels: { color: 'green' } } });
    const evs = await w.next(2, { skipBookmarks: true });
    w.close();
    assert.deepEqual(evs.map((e) => [e.type, e.name]), [['ADDED', 'chameleon'], ['DELETED', 'chameleon']]);
  });

  it('sends bookmarks on an idle watch', async () => {
    const base = await list(c, 'TaskBook', { namespace: 'default' });
    const w = watch(c, 'TaskBook', { namespace: 'default', label_selector: 'never=matches', resource_version: base.resourceVersion, bookmark_interval_seconds: 1 });
    const evs = await w.next(2, { timeoutMs: 15_000 });
    w.close();
    assert.deepEqual(evs.map((e) => e.type), ['BOOKMARK', 'BOOKMARK']);
    assert.ok(BigInt(evs[1].rv) >= BigInt(base.resourceVersion));
  });

  it('answers a compacted revision with RESYNC, the current objects and a BOOKMARK, then streams on', async () => {
    const first = await apply(c, { ...tb('old'), metadata: { name: 'old', namespace: 'default', labels: { resync: 'yes' } } });
    const old = first.object.metadata.resourceVersion!;
    await apply(c, { ...tb('newer'), metadata: { name: 'newer', namespace: 'default', labels: { resync: 'yes' } } });
    await c.call('TaskBookService', 'Delete', { name: 'old', namespace: 'default', resource_version: '' });
    const rev = await d.daemon.store.revision();
    await d.daemon.store.compact(rev);
    const w = watch(c, 'TaskBook', { namespace: 'default', label_selector: 'resync=yes', resource_version: old });
    const evs = await w.next(3);
    assert.deepEqual(evs.map((e) => [e.type, e.name]), [['RESYNC', undefined], ['ADDED', 'newer'], ['BOOKMARK', undefined]]);
    await apply(c, { ...tb('newest'), metadata: { name: 'newest', namespace: 'default', labels: { resync: 'yes' } } });
    const more = await w.next(1, { skipBookmarks: true });
    w.close();
    assert.deepEqual(more.map((e) => [e.type, e.name]), [['ADDED', 'newest']]);
  });

  it('rejects a malformed resource_version', async () => {
    const w = watch(c, 'TaskBook', { namespace: 'default', resource_version: 'abc' });
    await rejectsWith(w.next(1), 'INVALID_ARGUMENT', /revision/);
    w.close();
  });
});

describe('errors', () => {
  it('names the field path in INVALID_ARGUMENT', async () => {
    const bad = tb('bad', { strategy: { serial: 'lots' } });
    const err = (await rejectsWith(apply(c, bad), 'INVALID_ARGUMENT', /spec\.strategy\.serial/)) as { issues?: { path: string }[] };
    assert.ok(err.issues?.some((i) => i.path === 'spec.strategy.serial'), 'field issues travel in metadata');
  });

  it('rejects an object sent to the wrong service', async () => {
    await rejectsWith(c.call('NodeGroupService', 'Apply', { object: { kind: 'TaskBook', metadata: { name: 'x' } } }), 'INVALID_ARGUMENT', /TaskBook.*NodeGroupService/);
  });

  it('gives NOT_FOUND for a missing object and INVALID_ARGUMENT for a bad name', async () => {
    await rejectsWith(get(c, 'TaskBook', 'missing', 'default'), 'NOT_FOUND', /TaskBook 'default\/missing' not found/);
    await rejectsWith(get(c, 'TaskBook', '../etc', 'default'), 'INVALID_ARGUMENT', /metadata\.name/);
    await rejectsWith(get(c, 'TaskBook', '', 'default'), 'INVALID_ARGUMENT', /name/);
  });
});
