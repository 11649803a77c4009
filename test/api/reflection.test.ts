// Server reflection the way grpcurl uses it (`grpcurl list`, `describe`,
// `-d ... call`), against a real daemon: list the services, fetch each
// service's file with file_containing_symbol and every import with
// file_by_filename, link the descriptors as protoc / Go's protodesc would
// (a type resolves only through the file itself or its declared imports; map
// entries are named '<Field>Entry'), then encode requests and decode replies
// with nothing but the reflected descriptors. Over grpc.reflection.v1 and
// v1alpha, which older grpcurl versions ask first.

/* eslint-disable @typescript-eslint/no-explicit-any -- reflection messages and descriptors are loaded at run time, without generated types */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import descriptorTypes from 'protobufjs/ext/descriptor/index.js';
import { KINDS } from '../../src/resources/index.js';
import { REPO, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';

const VERSIONS = ['v1', 'v1alpha'] as const;
type Version = (typeof VERSIONS)[number];

interface FieldDesc {
  name: string;
  number: number;
  label?: number;
  type?: number;
  typeName?: string;
}
interface MessageDesc {
  name: string;
  field: FieldDesc[];
  nestedType: MessageDesc[];
  enumType: { name: string }[];
  options?: { mapEntry?: boolean };
}
interface MethodDesc {
  name: string;
  inputType: string;
  outputType: string;
  serverStreaming?: boolean;
  clientStreaming?: boolean;
}
interface FileDesc {
  name: string;
  package?: string;
  dependency: string[];
  publicDependency: number[];
  messageType: MessageDesc[];
  enumType: { name: string }[];
  service: { name: string; method: MethodDesc[] }[];
}

const TYPE_MESSAGE = 11;
const TYPE_ENUM = 14;

function decodeFile(bytes: Uint8Array): FileDesc {
  const msg = descriptorTypes.FileDescriptorProto.decode(bytes);
  return descriptorTypes.FileDescriptorProto.toObject(msg, { arrays: true }) as FileDesc;
}

/** one ServerReflectionInfo stream; each request gets the next response */
class ReflectionSession {
  readonly #client: grpc.Client;
  readonly #stream: grpc.ClientDuplexStream<object, any>;
  readonly #waiting: { resolve: (m: any) => void; reject: (e: Error) => void }[] = [];

  constructor(address: string, version: Version) {
    const def = protoLoader.loadSync(join(REPO, `node_modules/@grpc/reflection/build/proto/grpc/reflection/${version}/reflection.proto`), { keepCase: true });
    const Ctor = (grpc.loadPackageDefinition(def).grpc as any).reflection[version].ServerReflection as grpc.ServiceClientConstructor;
    this.#client = new Ctor(address, grpc.credentials.createInsecure());
    this.#stream = (this.#client as any).ServerReflectionInfo();
    this.#stream.on('data', (m) => this.#waiting.shift()?.resolve(m));
    this.#stream.on('error', (err: Error) => {
      for (const w of this.#waiting.splice(0)) w.reject(err);
    });
  }

  #ask(req: object): Promise<any> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#stream.write(req);
    });
  }

  async listServices(): Promise<string[]> {
    const res = await this.#ask({ list_services: '*' });
    assert.ok(res.list_services_response, `list_services answered ${JSON.stringify(res.error_response)}`);
    return res.list_services_response.service.map((s: { name: string }) => s.name);
  }

  async #files(req: object, what: string): Promise<FileDesc[]> {
    const res = await this.#ask(req);
    if (res.error_response) throw new Error(`${what}: ${grpc.status[res.error_response.error_code]}: ${res.error_response.error_message}`);
    return (res.file_descriptor_response.file_descriptor_proto as Buffer[]).map(decodeFile);
  }

  fileContainingSymbol(symbol: string): Promise<FileDesc[]> {
    return this.#files({ file_containing_symbol: symbol }, `file_containing_symbol ${symbol}`);
  }

  fileByFilename(name: string): Promise<FileDesc[]> {
    return this.#files({ file_by_filename: name }, `file_by_filename ${name}`);
  }

  close(): void {
    this.#stream.end();
    this.#client.close();
  }
}

/**
 * What grpcurl does before it can describe or call `services`: the file of
 * each service, then every import by name until nothing is missing.
 */
async function fetchDescriptors(s: ReflectionSession, services: readonly string[]): Promise<Map<string, FileDesc>> {
  const files = new Map<string, FileDesc>();
  const add = (f: FileDesc, what: string): void => {
    const known = files.get(f.name);
    if (known) assert.deepEqual(f, known, `${what} returned a different ${f.name} than before`);
    else files.set(f.name, f);
  };
  for (const svc of services) {
    const got = await s.fileContainingSymbol(svc);
    assert.ok(got.length > 0, `file_containing_symbol ${svc} returned no file`);
    assert.ok(
      got[0].service.some((x) => `${got[0].package ? `${got[0].package}.` : ''}${x.name}` === svc),
      `the first file returned for ${svc} (${got[0].name}) declares it`,
    );
    for (const f of got) add(f, `file_containing_symbol ${svc}`);
  }
  const asked = new Set<string>();
  for (let pending = [...files.values()]; pending.length > 0; ) {
    const next: FileDesc[] = [];
    for (const f of pending) {
      for (const dep of f.dependency) {
        if (asked.has(dep)) continue;
        asked.add(dep);
        const got = await s.fileByFilename(dep);
        assert.equal(got[0]?.name, dep, `file_by_filename ${dep} returns that file first`);
        for (const g of got) {
          if (!files.has(g.name)) next.push(g);
          add(g, `file_by_filename ${dep}`);
        }
      }
    }
    pending = next;
  }
  return files;
}

interface SymbolInfo {
  kind: 'message' | 'enum' | 'service';
  file: string;
  message?: MessageDesc;
}

/** protoc's map entry message name: 'labels' -> 'LabelsEntry' */
function mapEntryName(field: string): string {
  return `${field.replace(/(?:^|_)(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}Entry`;
}

/**
 * Links `files` as protoc and Go's protodesc do, returning every problem:
 * a type name must resolve, to the right kind of symbol, in the file itself
 * or one it imports (directly, or publicly through an import); symbols are
 * defined once; map entries follow protoc's rules.
 */
function link(files: ReadonlyMap<string, FileDesc>): string[] {
  const problems: string[] = [];
  const symbols = new Map<string, SymbolInfo>();
  const define = (fqn: string, info: SymbolInfo): void => {
    const prior = symbols.get(fqn);
    if (prior) problems.push(`${info.file}: ${fqn} is already defined in ${prior.file}`);
    else symbols.set(fqn, info);
  };
  const defineMessage = (m: MessageDesc, scope: string, file: string): void => {
    const fqn = scope ? `${scope}.${m.name}` : m.name;
    define(fqn, { kind: 'message', file, message: m });
    for (const n of m.nestedType) defineMessage(n, fqn, file);
    for (const e of m.enumType) define(`${fqn}.${e.name}`, { kind: 'enum', file });
  };
  for (const f of files.values()) {
    const pkg = f.package ?? '';
    for (const m of f.messageType) defineMessage(m, pkg, f.name);
    for (const e of f.enumType) define(pkg ? `${pkg}.${e.name}` : e.name, { kind: 'enum', file: f.name });
    for (const s of f.service) define(pkg ? `${pkg}.${s.name}` : s.name, { kind: 'service', file: f.name });
  }

  /** the files whose symbols `file` may use: itself, its imports, and what those import publicly */
  const visible = (file: FileDesc): Set<string> => {
    const out = new Set([file.name]);
    const addPublic = (name: string): void => {
      if (out.has(name)) return;
      out.add(name);
      const dep = files.get(name);
      for (const i of dep?.publicDependency ?? []) addPublic(dep!.dependency[i]);
    };
    for (const d of file.dependency) addPublic(d);
    return out;
  };

  const resolve = (ref: string | undefined, scope: string, kind: SymbolInfo['kind'], file: FileDesc, where: string): SymbolInfo | undefined => {
    if (!ref) {
      problems.push(`${file.name}: ${where}: no type name`);
      return undefined;
    }
    let found: [string, SymbolInfo] | undefined;
    if (ref.startsWith('.')) {
      const s = symbols.get(ref.slice(1));
      if (s) found = [ref.slice(1), s];
    } else {
      for (let sc = scope; !found; sc = sc.includes('.') ? sc.slice(0, sc.lastIndexOf('.')) : '') {
        const name = sc ? `${sc}.${ref}` : ref;
        const s = symbols.get(name);
        if (s) found = [name, s];
        if (!sc) break;
      }
    }
    if (!found) {
      problems.push(`${file.name}: ${where}: cannot resolve type ${ref}`);
      return undefined;
    }
    const [name, s] = found;
    if (!visible(file).has(s.file)) {
      problems.push(`${file.name}: ${where}: cannot resolve type ${ref}: ${name} is defined in ${s.file}, which ${file.name} does not import`);
      return undefined;
    }
    if (s.kind !== kind) {
      problems.push(`${file.name}: ${where}: ${ref} is a ${s.kind}, not a ${kind}`);
      return undefined;
    }
    return s;
  };

  const checkMessage = (m: MessageDesc, fqn: string, file: FileDesc): void => {
    for (const field of m.field) {
      const where = `${fqn}.${field.name}`;
      if (field.type !== TYPE_MESSAGE && field.type !== TYPE_ENUM) continue;
      const target = resolve(field.typeName, fqn, field.type === TYPE_MESSAGE ? 'message' : 'enum', file, where);
      const entry = target?.message;
      if (!entry?.options?.mapEntry) continue;
      if (entry.name !== mapEntryName(field.name)) problems.push(`${file.name}: ${where}: map entry is named ${entry.name}, not ${mapEntryName(field.name)}`);
      if (!m.nestedType.includes(entry)) problems.push(`${file.name}: ${where}: map entry ${entry.name} is not nested in ${fqn}`);
      if (field.label !== 3) problems.push(`${file.name}: ${where}: a map field must be repeated`);
      const [k, v] = entry.field;
      if (entry.field.length !== 2 || k?.name !== 'key' || k.number !== 1 || v?.name !== 'value' || v.number !== 2) {
        problems.push(`${file.name}: ${where}: map entry ${entry.name} must have exactly key = 1 and value = 2`);
      }
    }
    for (const n of m.nestedType) checkMessage(n, `${fqn}.${n.name}`, file);
  };

  for (const f of files.values()) {
    for (const d of f.dependency) if (!files.has(d)) problems.push(`${f.name}: imports ${d}, which reflection did not provide`);
    const pkg = f.package ?? '';
    for (const m of f.messageType) checkMessage(m, pkg ? `${pkg}.${m.name}` : m.name, f);
    for (const s of f.service) {
      const fqn = pkg ? `${pkg}.${s.name}` : s.name;
      for (const method of s.method) {
        resolve(method.inputType, fqn, 'message', f, `${fqn}.${method.name} input`);
        resolve(method.outputType, fqn, 'message', f, `${fqn}.${method.name} output`);
      }
    }
  }
  return problems;
}

let d: TestDaemon;
before(async () => {
  d = await startTestDaemon({ name: 'reflection' });
});
after(async () => {
  await d?.[Symbol.asyncDispose]();
});

const apiServices = (names: readonly string[]): string[] => names.filter((n) => n.startsWith('flotilla.') || n.startsWith('grpc.health.'));

describe('server reflection, as grpcurl uses it', () => {
  for (const version of VERSIONS) {
    it(`lists every API service and grpc.health.v1.Health over grpc.reflection.${version}`, async () => {
      const s = new ReflectionSession(d.address, version);
      try {
        const names = await s.listServices();
        for (const k of KINDS) assert.ok(names.includes(`flotilla.v1alpha1.${k.kind}Service`), `${k.kind}Service listed in ${names.join(', ')}`);
        assert.ok(names.includes('flotilla.v1alpha1.ClusterService'), `ClusterService listed in ${names.join(', ')}`);
        assert.ok(names.includes('grpc.health.v1.Health'), `Health listed in ${names.join(', ')}`);
      } finally {
        s.close();
      }
    });

    it(`describes every API and health service with descriptors whose every type resolves through declared imports over grpc.reflection.${version}`, async () => {
      const s = new ReflectionSession(d.address, version);
      try {
        const services = apiServices(await s.listServices());
        const files = await fetchDescriptors(s, services);
        const problems = link(files);
        assert.equal(problems.length, 0, `${problems.length} problems linking the reflected descriptors, e.g.\n${[...new Set(problems.map((p) => p.replace(/^.*?: .*?: /, '')))].slice(0, 6).join('\n')}`);
        const struct = [...files.values()].find((f) => f.package === 'google.protobuf' && f.messageType.some((m) => m.name === 'Struct'));
        assert.equal(struct?.name, 'google/protobuf/struct.proto', 'google.protobuf.Struct comes in its own well-known file');
      } finally {
        s.close();
      }
    });
  }

  it('serves each file by the name other files import it by, and the well-known types by their standard names', async () => {
    const s = new ReflectionSession(d.address, 'v1');
    try {
      const [struct] = await s.fileByFilename('google/protobuf/struct.proto');
      assert.equal(struct?.package, 'google.protobuf');
      assert.deepEqual(
        struct.messageType.map((m) => m.name),
        ['Struct', 'Value', 'ListValue'],
      );
      const value = struct.messageType.find((m) => m.name === 'Value')!;
      assert.deepEqual(
        value.field.map((f) => f.name),
        ['null_value', 'number_value', 'string_value', 'bool_value', 'struct_value', 'list_value'],
        'field names as in struct.proto',
      );
      const [taskbook] = await s.fileContainingSymbol('flotilla.v1alpha1.TaskBookService');
      assert.equal(taskbook?.name, 'flotilla/v1alpha1/taskbook.proto');
      assert.deepEqual(taskbook.dependency, ['flotilla/v1alpha1/common.proto', 'google/protobuf/struct.proto']);
      const [health] = await s.fileContainingSymbol('grpc.health.v1.Health');
      assert.equal((await s.fileByFilename(health.name))[0]?.name, health.name);
    } finally {
      s.close();
    }
  });

  it('calls Get and List on a kind service and Health/Check using only the reflected descriptors', async () => {
    const s = new ReflectionSession(d.address, 'v1');
    let files: Map<string, FileDesc>;
    try {
      files = await fetchDescriptors(s, ['flotilla.v1alpha1.NamespaceService', 'flotilla.v1alpha1.NodeService', 'grpc.health.v1.Health']);
    } finally {
      s.close();
    }
    // grpcurl links what it received before it encodes anything
    assert.deepEqual(link(files), [], 'the reflected descriptors link');
    const root = (protobuf.Root as any).fromDescriptor({ file: [...files.values()] }) as protobuf.Root;
    root.resolveAll();
    const methods = new Map<string, MethodDesc>();
    for (const f of files.values()) for (const svc of f.service) for (const m of svc.method) methods.set(`/${f.package}.${svc.name}/${m.name}`, m);

    const raw = new grpc.Client(d.address, grpc.credentials.createInsecure());
    /** like `grpcurl -d '<json>' <address> <service>/<method>` */
    const call = (path: string, request: object): Promise<any> => {
      const m = methods.get(path);
      assert.ok(m, `reflection describes ${path}`);
      assert.ok(!m.clientStreaming && !m.serverStreaming, `${path} is unary`);
      const req = root.lookupType(m.inputType);
      const res = root.lookupType(m.outputType);
      const err = req.verify(request);
      assert.equal(err, null, `${m.inputType} accepts ${JSON.stringify(request)}`);
      return new Promise((resolve, reject) =>
        raw.makeUnaryRequest(
          path,
          (o: object) => Buffer.from(req.encode(req.fromObject(o)).finish()),
          (b: Buffer) => res.toObject(res.decode(b), { enums: String, longs: String }),
          request,
          (e, r) => (e ? reject(e) : resolve(r)),
        ),
      );
    };
    try {
      const ns = await call('/flotilla.v1alpha1.NamespaceService/Get', { name: 'default' });
      assert.equal(ns.kind, 'Namespace');
      assert.equal(ns.metadata.name, 'default');
      const list = await call('/flotilla.v1alpha1.NamespaceService/List', { limit: 10 });
      assert.ok(
        list.items.some((i: any) => i.metadata.name === 'default'),
        'List returns the default namespace',
      );
      assert.match(list.resource_version, /^\d+$/);
      // a Struct with content, decoded through the reflected google.protobuf.Struct
      await assertEventually(
        async () => {
          const node = await call('/flotilla.v1alpha1.NodeService/Get', { name: 'reflection' });
          // protobufjs reads map entries from a descriptor as a repeated { key, value } field
          const fields = (node.status?.fields ?? []) as { key: string; value: Record<string, unknown> }[];
          assert.ok(
            fields.some((f) => f.key === 'gossip' && f.value.struct_value),
            `node status holds the gossip state as a Struct: ${JSON.stringify(fields.find((f) => f.key === 'gossip') ?? fields.map((f) => f.key))}`,
          );
        },
        { timeoutMs: 20_000 },
      );
      const health = await call('/grpc.health.v1.Health/Check', { service: '' });
      assert.equal(health.status, 'SERVING');
    } finally {
      raw.close();
    }
  });
});
