// The light codec (src/api/wire.ts, used by flotctl) against @grpc/proto-loader
// (used by the server): bytes one writes, the other reads to the same object,
// in both directions, for every shape the API carries — Structs with every
// Value kind (zeros, empty strings, false, null, nested lists and structs),
// maps, repeated fields, enums, int64 — and bad bytes give an error, never a
// wrong object.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { loadApi, toStruct } from '../../src/api/index.js';
import { DESCRIPTOR } from '../../src/api/generated/descriptor.js';
import { GrpcStatus } from '../../src/lib/grpc-status.js';
import { WireCodec, WireError } from '../../src/api/wire.js';

const codec = new WireCodec(DESCRIPTOR);
const PKG = 'flotilla.v1alpha1';

function method(service: string, name: string): grpc.MethodDefinition<unknown, unknown> {
  const svc = loadApi().packageDefinition[`${PKG}.${service}`] as unknown as Record<string, grpc.MethodDefinition<unknown, unknown>>;
  return svc[name];
}

const status = {
  phase: 'Running',
  zero: 0,
  negative: -12.5,
  big: 2 ** 53 - 1,
  empty: '',
  no: false,
  yes: true,
  nothing: null,
  list: [0, '', false, null, [], {}, [1, [2, [3]]], { a: { b: { c: 'deep' } } }],
  nested: { emptyList: [], emptyStruct: {}, unicode: 'grüße ✓ 日本' },
};

const run = {
  api_version: 'flotilla/v1alpha1',
  kind: 'Run',
  metadata: {
    name: 'web-1',
    namespace: 'default',
    labels: { 'flotilla.io/taskbook': 'web', empty: '' },
    annotations: {},
    uuid: '65769ed5-634b-4364-86e2-57dd46b8224b',
    resource_version: '188',
    generation: '9007199254740993',
    created_at: '2026-11-23T16:11:34.399Z',
    updated_at: '',
  },
  spec: toStruct({ taskBook: 'web', set: { target: '/tmp/x', count: 200 } }),
  status: toStruct(status),
};

describe('wire codec', () => {
  it('decodes what proto-loader encodes to the same object', () => {
    const m = method('RunService', 'Get');
    const bytes = m.responseSerialize(run);
    assert.deepEqual(codec.decode(`${PKG}.Run`, bytes), m.responseDeserialize(bytes));
  });

  it('encodes what proto-loader decodes to the same object', () => {
    const m = method('RunService', 'Get');
    const ours = codec.encode(`${PKG}.Run`, run);
    assert.deepEqual(m.responseDeserialize(ours), m.responseDeserialize(m.responseSerialize(run)));
    assert.deepEqual(codec.decode(`${PKG}.Run`, ours), m.responseDeserialize(ours));
  });

  it('fills in defaults for absent fields the way proto-loader does', () => {
    const m = method('RunService', 'Watch');
    for (const obj of [{}, { type: 'WATCH_EVENT_TYPE_BOOKMARK', resource_version: '7' }, { object: { metadata: {} } }]) {
      const bytes = m.responseSerialize(obj);
      assert.deepEqual(codec.decode(`${PKG}.RunWatchEvent`, bytes), m.responseDeserialize(bytes), JSON.stringify(obj));
    }
  });

  it('round-trips requests: repeated strings, Structs, enums given as names or numbers, int32', () => {
    const start = { task_book: 'fleet-200', namespace: 'default', set: toStruct({ target: '/var/tmp/x', count: 200 }), nodes: ['a', 'b', ''], check: true, diff: false, name: '' };
    const s = method('RunService', 'Start');
    assert.deepEqual(s.requestDeserialize(codec.encode(`${PKG}.StartRunRequest`, start)), s.requestDeserialize(s.requestSerialize(start)));
    const list = { namespace: 'default', all_namespaces: false, label_selector: 'a=b', limit: 500, continue: '' };
    const l = method('RunService', 'List');
    assert.deepEqual(l.requestDeserialize(codec.encode(`${PKG}.ListRequest`, list)), l.requestDeserialize(l.requestSerialize(list)));
    const apply = method('TaskBookService', 'Apply');
    for (const result of ['APPLY_RESULT_CONFIGURED', 2]) {
      const res = { object: { kind: 'TaskBook', metadata: { name: 'x' } }, result };
      const bytes = codec.encode(`${PKG}.ApplyTaskBookResponse`, res);
      assert.equal((apply.responseDeserialize(bytes) as { result: string }).result, 'APPLY_RESULT_CONFIGURED');
    }
  });

  it('reads repeated messages and a list of Structs (RunLogs)', () => {
    const logs = { nodes: [{ node: 'a', state: 'Succeeded', message: '', steps: [toStruct({ index: 0, outcome: 'ok' }), toStruct({})] }, { node: 'b', state: '', message: 'm', steps: [] }] };
    const m = method('RunService', 'Logs');
    const bytes = m.responseSerialize(logs);
    assert.deepEqual(codec.decode(`${PKG}.RunLogs`, bytes), m.responseDeserialize(bytes));
  });

  it('knows every service method with its types and streaming', () => {
    assert.deepEqual(codec.method(`${PKG}.RunService`, 'Watch'), [`${PKG}.WatchRequest`, `${PKG}.RunWatchEvent`, true]);
    assert.deepEqual(codec.method(`${PKG}.ClusterService`, 'Info').slice(2), [false]);
    assert.throws(() => codec.method(`${PKG}.RunService`, 'Nope'), WireError);
  });

  it('rejects truncated and garbage bytes and unknown enum names', () => {
    const bytes = codec.encode(`${PKG}.Run`, run);
    for (let cut = 1; cut < bytes.length; cut += 37) {
      assert.throws(() => codec.decode(`${PKG}.Run`, bytes.subarray(0, bytes.length - cut)), WireError, `cut ${cut}`);
    }
    assert.throws(() => codec.decode(`${PKG}.Run`, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])), WireError);
    assert.throws(() => codec.encode(`${PKG}.ApplyTaskBookResponse`, { result: 'APPLY_RESULT_MAYBE' }), /APPLY_RESULT_MAYBE is not a value/);
  });
});

it('uses the status numbers grpc-js uses', () => {
  for (const [name, n] of Object.entries(GrpcStatus)) assert.equal(n, grpc.status[name as keyof typeof grpc.status], name);
});
