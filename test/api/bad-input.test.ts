// Hostile and broken input at the API: every case gets a clear error, the
// store revision does not move (nothing stored), and the daemon keeps
// serving (health SERVING, a normal call still works). Also: gRPC health
// checking and server reflection answer, as grpcurl needs.

/* eslint-disable @typescript-eslint/no-explicit-any -- the health and reflection protos are loaded at run time, without generated types */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { serviceClient, toProto } from '../../src/api/index.js';
import { KINDS, type ResourceObject } from '../../src/resources/index.js';
import { Client, apply, get, rejectsWith } from '../helpers/api.js';
import { REPO, runCli, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';

let d: TestDaemon;
let c: Client;
before(async () => {
  d = await startTestDaemon({ name: 'bad-input' });
  c = new Client(d.address, 10_000);
  // The daemon's own start-up writes end with the leader recording its Node's
  // gossip state; wait for it so that "the revision did not move" below
  // measures only what the tests send.
  await assertEventually(async () => assert.ok(((await get(c, 'Node', 'bad-input')).status as { gossip?: unknown } | undefined)?.gossip, 'the daemon recorded its own gossip state'), { timeoutMs: 20_000 });
});
after(async () => {
  c?.close();
  await d?.[Symbol.asyncDispose]();
});

const tb = (patch: (o: Record<string, any>) => void): ResourceObject => {
  const o: Record<string, any> = {
    apiVersion: 'flotilla/v1alpha1',
    kind: 'TaskBook',
    metadata: { name: 'victim', namespace: 'default' },
    spec: { targets: { nodes: ['a'] }, steps: [{ name: 's', command: { cmd: 'true' } }] },
  };
  patch(o);
  return o as ResourceObject;
};

async function healthy(): Promise<void> {
  const def = protoLoader.loadSync(join(REPO, 'node_modules/grpc-health-check/proto/health/v1/health.proto'), { enums: String });
  const Health = (grpc.loadPackageDefinition(def).grpc as any).health.v1.Health as grpc.ServiceClientConstructor;
  const h = new Health(d.address, grpc.credentials.createInsecure());
  try {
    const res = await new Promise<{ status: string }>((resolve, reject) => (h as any).Check({ service: '' }, (e: Error | null, r: { status: string }) => (e ? reject(e) : resolve(r))));
    assert.equal(res.status, 'SERVING');
  } finally {
    h.close();
  }
  await get(c, 'Namespace', 'default');
}

const CASES: [string, ResourceObject, string, RegExp][] = [
  ['a wrong type', tb((o) => (o.spec.strategy = { serial: true })), 'INVALID_ARGUMENT', /spec\.strategy\.serial/],
  ['an unknown spec field', tb((o) => (o.spec.colour = 'red')), 'INVALID_ARGUMENT', /spec\.colour: unknown field 'colour'/],
  ['an unknown field deep in a step', tb((o) => (o.spec.steps[0].command.shell = 'zsh')), 'INVALID_ARGUMENT', /spec\.steps\[0\]\.command\.shell: unknown field 'shell'/],
  ['a name with a slash', tb((o) => (o.metadata.name = 'a/b')), 'INVALID_ARGUMENT', /metadata\.name/],
  ['a name with ..', tb((o) => (o.metadata.name = '..')), 'INVALID_ARGUMENT', /metadata\.name/],
  ['a name with a dot', tb((o) => (o.metadata.name = 'a.b')), 'INVALID_ARGUMENT', /metadata\.name/],
  ['an upper-case name', tb((o) => (o.metadata.name = 'Web')), 'INVALID_ARGUMENT', /metadata\.name/],
  ['a 64-character name', tb((o) => (o.metadata.name = 'a'.repeat(64))), 'INVALID_ARGUMENT', /metadata\.name/],
  ['a namespace with ..', tb((o) => (o.metadata.namespace = '..')), 'INVALID_ARGUMENT', /metadata\.namespace/],
  ['a missing namespace', tb((o) => (o.metadata.namespace = 'ghost')), 'NOT_FOUND', /namespace 'ghost'/],
  ['a bad label key', tb((o) => (o.metadata.labels = { 'bad key': 'v' })), 'INVALID_ARGUMENT', /metadata\.labels/],
  ['a bad label value', tb((o) => (o.metadata.labels = { k: 'a b' })), 'INVALID_ARGUMENT', /metadata\.labels/],
  ['an object over 1 MiB', tb((o) => (o.spec.vars = { blob: 'x'.repeat(1_100_000) })), 'INVALID_ARGUMENT', /1 MiB|too large|exceeds/i],
  ['a missing spec section', tb((o) => (o.spec = {})), 'INVALID_ARGUMENT', /spec/],
  ['a bad apiVersion', tb((o) => (o.apiVersion = 'v2')), 'INVALID_ARGUMENT', /apiVersion/],
];

describe('bad input over gRPC', () => {
  for (const [what, obj, code, message] of CASES) {
    it(`rejects ${what} with ${code}, stores nothing and keeps serving`, async () => {
      const before = await d.daemon.store.revision();
      await rejectsWith(apply(c, obj), code, message);
      assert.equal(await d.daemon.store.revision(), before, 'nothing was written');
      await healthy();
    });
  }

  it('rejects an object of another kind sent to a service', async () => {
    await rejectsWith(c.call('BeaconService', 'Apply', { object: toProto(tb(() => undefined)) }), 'INVALID_ARGUMENT', /TaskBook/);
  });

  it('rejects an apply without an object', async () => {
    await rejectsWith(c.call('TaskBookService', 'Apply', {}), 'INVALID_ARGUMENT', /object/);
  });

  it('answers garbage and truncated messages with an error and keeps serving', async () => {
    const raw = new grpc.Client(d.address, grpc.credentials.createInsecure());
    const call = (body: Buffer) =>
      new Promise<grpc.ServiceError | undefined>((resolve) =>
        raw.makeUnaryRequest(
          '/flotilla.v1alpha1.TaskBookService/Apply',
          (b: Buffer) => b,
          (b: Buffer) => b,
          body,
          (err) => resolve(err ?? undefined),
        ),
      );
    const valid = serviceClient('TaskBookService').service.Apply.requestSerialize({ object: toProto(tb(() => undefined)) });
    const before = await d.daemon.store.revision();
    const cases = [Buffer.from('this is not a protobuf message at all \xff\xff\xff'), valid.subarray(0, Math.floor(valid.length / 2)), Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])];
    for (const body of cases) {
      const err = await call(body);
      assert.ok(err, 'an error status');
      assert.ok([grpc.status.INTERNAL, grpc.status.INVALID_ARGUMENT].includes(err.code), `code ${err.code}: ${err.details}`);
    }
    const huge = await call(Buffer.alloc(5 * 1024 * 1024, 1));
    assert.equal(huge?.code, grpc.status.RESOURCE_EXHAUSTED);
    raw.close();
    assert.equal(await d.daemon.store.revision(), before);
    await healthy();
  });

  it('refuses malformed YAML in flotctl before anything is sent', async () => {
    const before = await d.daemon.store.revision();
    for (const text of ['kind: TaskBook\nmetadata: {name: x\n', 'a: &a [*a, *a]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n', '\t- not: yaml', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]']) {
      const r = await runCli(['--server', d.address, 'apply', '-f', '-'], { stdin: text });
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /^error: <stdin>/);
    }
    assert.equal(await d.daemon.store.revision(), before);
    await healthy();
  });
});

describe('grpc health and reflection', () => {
  it('reports SERVING', async () => {
    await healthy();
  });

  it('lists every kind service through server reflection', async () => {
    const def = protoLoader.loadSync(join(REPO, 'node_modules/@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto'), { keepCase: true });
    const Reflection = (grpc.loadPackageDefinition(def).grpc as any).reflection.v1.ServerReflection as grpc.ServiceClientConstructor;
    const r = new Reflection(d.address, grpc.credentials.createInsecure());
    const stream = (r as any).ServerReflectionInfo() as grpc.ClientDuplexStream<unknown, { list_services_response?: { service: { name: string }[] } }>;
    const reply = new Promise<string[]>((resolve, reject) => {
      stream.on('data', (m) => resolve((m.list_services_response?.service ?? []).map((s: { name: string }) => s.name)));
      stream.on('error', reject);
    });
    stream.write({ list_services: '' });
    const names = await reply;
    stream.end();
    r.close();
    for (const k of KINDS) assert.ok(names.includes(`flotilla.v1alpha1.${k.kind}Service`), `${k.kind}Service listed in ${names.join(', ')}`);
    assert.ok(names.includes('flotilla.v1alpha1.ClusterService'));
    assert.ok(names.includes('grpc.health.v1.Health'));
  });
});
