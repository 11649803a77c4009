// gRPC server reflection (what `grpcurl list/describe/call` use) for the API
// protos and grpc.health.v1. This file owns building the FileDescriptorProtos
// that reflection serves; @grpc/reflection answers the requests.
//
// Why not hand @grpc/reflection the proto-loader package definition: its
// descriptors come from protobufjs' Root#toDescriptor, which merges every
// file of a package into one synthetic file ('flotilla_v1alpha1.proto',
// 'google_protobuf.proto'), declares no dependencies and names map entries
// after the field ('Labels', not 'LabelsEntry') (grpc/grpc-node#2595). A
// client that links what it receives, as grpcurl does (grpcurl#459), then
// fails with "cannot resolve type google.protobuf.Struct", and asking for
// 'google/protobuf/struct.proto' by name gives NOT_FOUND. Here each source
// file becomes one descriptor, as protoc would write it: its import path as
// name, its dependencies, fully-qualified type names, json names and
// '<Field>Entry' map entries. The package definition also repeats the whole
// file list on every type, which made @grpc/reflection decode each file once
// per type (~100 ms at start-up); it now gets each file once.

import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import protobuf from 'protobufjs';
import descriptorTypes from 'protobufjs/ext/descriptor/index.js';
import { apiProtoFiles, protoRoot } from './loader.js';

/** a proto file to describe: the name clients import it by, and where it is on disk */
export interface ProtoSource {
  readonly name: string;
  readonly path: string;
}

// FieldDescriptorProto.Type and .Label (google/protobuf/descriptor.proto)
const SCALAR_TYPE: Readonly<Record<string, number>> = {
  double: 1,
  float: 2,
  int64: 3,
  uint64: 4,
  int32: 5,
  fixed64: 6,
  fixed32: 7,
  bool: 8,
  string: 9,
  bytes: 12,
  uint32: 13,
  sfixed32: 15,
  sfixed64: 16,
  sint32: 17,
  sint64: 18,
};
const TYPE_MESSAGE = 11;
const TYPE_ENUM = 14;
const LABEL_OPTIONAL = 1;
const LABEL_REQUIRED = 2;
const LABEL_REPEATED = 3;

type Obj = Record<string, unknown>;

/** protoc's json_name: 'resource_version' -> 'resourceVersion' */
function jsonName(name: string): string {
  return name.replace(/_(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());
}

/** protoc's map entry message name: 'labels' -> 'LabelsEntry' */
function mapEntryName(field: string): string {
  return `${field.replace(/(?:^|_)(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}Entry`;
}

/** protobufjs bundles the well-known types as JSON with camelCase field names; the .proto files use snake_case */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** which bundled file ('google/protobuf/struct.proto') defines each well-known type ('.google.protobuf.Struct') */
function bundledFiles(): Map<string, string> {
  const byType = new Map<string, string>();
  const common = protobuf.common as unknown as Record<string, unknown> & { get(file: string): { nested?: Obj } | null };
  for (const file of Object.keys(common)) {
    if (!file.endsWith('.proto')) continue;
    const walk = (nested: Obj | undefined, prefix: string): void => {
      for (const [name, def] of Object.entries(nested ?? {})) {
        const d = def as { nested?: Obj; fields?: unknown; values?: unknown; methods?: unknown };
        if (d.fields || d.values || d.methods) byType.set(`${prefix}.${name}`, file);
        else walk(d.nested, `${prefix}.${name}`);
      }
    };
    walk(common.get(file)?.nested, '');
  }
  return byType;
}

class DescriptorBuilder {
  readonly #nameByPath: ReadonlyMap<string, string>;
  readonly #bundled = bundledFiles();

  constructor(sources: readonly ProtoSource[]) {
    this.#nameByPath = new Map(sources.map((s) => [s.path, s.name]));
  }

  /** the file (import path) that declares `obj` */
  fileOf(obj: protobuf.ReflectionObject): string {
    const top = topLevel(obj);
    const name = top.filename ? this.#nameByPath.get(top.filename) : this.#bundled.get(top.fullName);
    if (!name) throw new Error(`reflection: cannot tell which proto file declares ${top.fullName} (${top.filename ?? 'no file'})`);
    return name;
  }

  /** records the file a reference points to in `deps` and returns the fully-qualified name */
  #ref(target: protobuf.ReflectionObject, from: string, deps: Set<string>): string {
    const file = this.fileOf(target);
    if (file !== from) deps.add(file);
    return target.fullName;
  }

  message(type: protobuf.Type, file: string, deps: Set<string>): Obj {
    const bundled = isBundled(type);
    const fieldName = (f: protobuf.Field): string => (bundled ? snakeCase(f.name) : f.name);
    const oneofs = type.oneofsArray.filter((o) => !isSynthetic(o)).concat(type.oneofsArray.filter(isSynthetic));
    const nestedType: Obj[] = [];
    const enumType: Obj[] = [];
    for (const nested of type.nestedArray) {
      if (nested instanceof protobuf.Type) nestedType.push(this.message(nested, file, deps));
      else if (nested instanceof protobuf.Enum) enumType.push(enumDescriptor(nested));
      else if (nested instanceof protobuf.Field) throw new Error(`reflection: ${file}: extensions are not supported (${nested.fullName})`);
    }
    const field = type.fieldsArray.map((f) => {
      const name = fieldName(f);
      const d: Obj = { name, number: f.id, jsonName: jsonName(name) };
      if (f instanceof protobuf.MapField) {
        const entry = mapEntryName(name);
        const value: Obj = { name: 'value', number: 2, label: LABEL_OPTIONAL, jsonName: 'value', ...this.#fieldType(f, file, deps) };
        nestedType.push({
          name: entry,
          field: [{ name: 'key', number: 1, label: LABEL_OPTIONAL, type: scalarType(f.keyType, f), jsonName: 'key' }, value],
          options: { mapEntry: true },
        });
        return { ...d, label: LABEL_REPEATED, type: TYPE_MESSAGE, typeName: `${type.fullName}.${entry}` };
      }
      const label = f.repeated ? LABEL_REPEATED : f.required ? LABEL_REQUIRED : LABEL_OPTIONAL;
      Object.assign(d, { label, ...this.#fieldType(f, file, deps) });
      if (f.partOf) d.oneofIndex = oneofs.indexOf(f.partOf);
      if (f.options?.proto3_optional) d.proto3Optional = true;
      if (f.options?.default !== undefined) d.defaultValue = String(f.options.default);
      if (f.options?.packed !== undefined) d.options = { packed: Boolean(f.options.packed) };
      return d;
    });
    const out: Obj = { name: type.name, field, nestedType, enumType, oneofDecl: oneofs.map((o) => ({ name: o.name })) };
    const reserved = type.reserved ?? [];
    const ranges = reserved.filter((r): r is number[] => Array.isArray(r));
    if (ranges.length) out.reservedRange = ranges.map(([start, end]) => ({ start, end: (end ?? start) + 1 }));
    const names = reserved.filter((r): r is string => typeof r === 'string');
    if (names.length) out.reservedName = names;
    return out;
  }

  #fieldType(f: protobuf.Field, file: string, deps: Set<string>): Obj {
    const resolved = f.resolve().resolvedType;
    if (resolved instanceof protobuf.Type) return { type: TYPE_MESSAGE, typeName: this.#ref(resolved, file, deps) };
    if (resolved instanceof protobuf.Enum) return { type: TYPE_ENUM, typeName: this.#ref(resolved, file, deps) };
    return { type: scalarType(f.type, f) };
  }

  service(service: protobuf.Service, file: string, deps: Set<string>): Obj {
    return {
      name: service.name,
      method: service.methodsArray.map((m) => {
        m.resolve();
        if (!m.resolvedRequestType || !m.resolvedResponseType) throw new Error(`reflection: ${file}: ${m.fullName} has unresolved types`);
        return {
          name: m.name,
          inputType: this.#ref(m.resolvedRequestType, file, deps),
          outputType: this.#ref(m.resolvedResponseType, file, deps),
          ...(m.requestStream ? { clientStreaming: true } : {}),
          ...(m.responseStream ? { serverStreaming: true } : {}),
        };
      }),
    };
  }
}

/** the message, enum or service declared at package level that contains `obj` (or is it) */
function topLevel(obj: protobuf.ReflectionObject): protobuf.ReflectionObject {
  let top = obj;
  while (top.parent instanceof protobuf.Type || top.parent instanceof protobuf.Service) top = top.parent;
  return top;
}

/** a well-known type protobufjs supplied from its bundled JSON (no source file) */
function isBundled(obj: protobuf.ReflectionObject): boolean {
  return !topLevel(obj).filename;
}

/** the oneof protobufjs makes for a proto3 `optional` field; protoc lists these after the real ones */
function isSynthetic(o: protobuf.OneOf): boolean {
  return o.fieldsArray.length === 1 && Boolean(o.fieldsArray[0].options?.proto3_optional);
}

function scalarType(type: string, f: protobuf.Field): number {
  const t = SCALAR_TYPE[type];
  if (t === undefined) throw new Error(`reflection: ${f.fullName}: unsupported field type '${type}'`);
  return t;
}

function enumDescriptor(e: protobuf.Enum): Obj {
  return {
    name: e.name,
    value: Object.entries(e.values).map(([name, number]) => ({ name, number })),
    ...(e.options?.allow_alias ? { options: { allowAlias: true } } : {}),
  };
}

/** protobufjs' edition of a parsed top-level object: 'proto2', 'proto3' or an edition year (not in its typings) */
function syntaxOf(obj: protobuf.ReflectionObject, bundled: boolean): string {
  if (bundled) return 'proto3';
  const edition = (obj as unknown as { _edition?: string })._edition ?? 'proto2';
  if (edition !== 'proto2' && edition !== 'proto3') throw new Error(`reflection: ${obj.fullName}: edition ${edition} is not supported`);
  return edition;
}

/**
 * One FileDescriptorProto per proto file in `sources` and per well-known type
 * file they use, as protoc would write them (no source info or options), in
 * dependency order (a file after everything it imports). Imports resolve
 * against `includeDir` and must be in `sources` or well-known types. Throws
 * on a proto feature the builder does not handle (extensions, editions).
 */
export function buildFileDescriptors(sources: readonly ProtoSource[], includeDir: string): Obj[] {
  const root = new protobuf.Root();
  const byPath = new Set(sources.map((s) => s.path));
  root.resolvePath = (_origin, target) => (byPath.has(target) ? target : join(includeDir, target));
  root.loadSync(
    sources.map((s) => s.path),
    { keepCase: true },
  );
  root.resolveAll();
  const b = new DescriptorBuilder(sources);

  const files = new Map<string, { pkg: string; syntax: string; deps: Set<string>; messageType: Obj[]; enumType: Obj[]; service: Obj[] }>();
  const visit = (ns: protobuf.Namespace): void => {
    for (const obj of ns.nestedArray) {
      if (!(obj instanceof protobuf.Type || obj instanceof protobuf.Enum || obj instanceof protobuf.Service)) {
        if (obj instanceof protobuf.Namespace) visit(obj);
        else throw new Error(`reflection: top-level extensions are not supported (${obj.fullName})`);
        continue;
      }
      const name = b.fileOf(obj);
      let file = files.get(name);
      if (!file) {
        file = { pkg: ns.fullName.slice(1), syntax: syntaxOf(obj, isBundled(obj)), deps: new Set(), messageType: [], enumType: [], service: [] };
        files.set(name, file);
      }
      if (obj instanceof protobuf.Type) file.messageType.push(b.message(obj, name, file.deps));
      else if (obj instanceof protobuf.Enum) file.enumType.push(enumDescriptor(obj));
      else file.service.push(b.service(obj, name, file.deps));
    }
  };
  visit(root);

  const ordered: Obj[] = [];
  const done = new Set<string>();
  const emit = (name: string, path: string[]): void => {
    if (done.has(name)) return;
    if (path.includes(name)) throw new Error(`reflection: import cycle ${[...path, name].join(' -> ')}`);
    const f = files.get(name)!;
    for (const dep of [...f.deps].sort()) emit(dep, [...path, name]);
    done.add(name);
    ordered.push({
      name,
      package: f.pkg,
      dependency: [...f.deps].sort(),
      messageType: f.messageType,
      enumType: f.enumType,
      service: f.service,
      syntax: f.syntax,
    });
  };
  for (const name of [...files.keys()].sort()) emit(name, []);
  return ordered;
}

/** the API's proto files and grpc.health.v1, under the names clients import them by */
export function apiProtoSources(): ProtoSource[] {
  return [
    ...apiProtoFiles().map((name) => ({ name, path: join(protoRoot(), name) })),
    // the upstream name (grpc/grpc-proto), so it matches descriptors clients already have
    { name: 'grpc/health/v1/health.proto', path: healthProtoPath },
  ];
}

let cached: ReflectionService | undefined;

/**
 * Registers grpc.reflection.v1 and v1alpha ServerReflection on `server`,
 * describing the API and health services. The descriptors are built once
 * per process; safe to call for several servers.
 */
export function addReflection(server: grpc.Server): void {
  if (!cached) {
    const fileDescriptorProtos = buildFileDescriptors(apiProtoSources(), protoRoot()).map((f) =>
      Buffer.from(descriptorTypes.FileDescriptorProto.encode(descriptorTypes.FileDescriptorProto.fromObject(f)).finish()),
    );
    // @grpc/reflection reads only `fileDescriptorProtos` from each entry of a
    // package definition, so one entry carrying every file is enough.
    const definition = { files: { format: 'Protocol Buffer 3 DescriptorProto', type: {}, fileDescriptorProtos } } as unknown as PackageDefinition;
    cached = new ReflectionService(definition);
  }
  cached.addToServer(server);
}
