// Loads the API's proto files (proto/flotilla/v1alpha1) once per process. The
// same package definition serves the gRPC server and the CLI client, so they
// can never disagree; server reflection (reflection.ts) describes the same
// files.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export const PROTO_PACKAGE = 'flotilla.v1alpha1';

/** proto-loader options; the generated types in api/generated assume exactly these */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

let cached: { packageDefinition: protoLoader.PackageDefinition; grpcObject: grpc.GrpcObject } | undefined;

/** the proto/ directory, found by walking up from this module (src/ or dist/src/) */
let root: string | undefined;

export function protoRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'flotilla/v1alpha1/common.proto'))) return (root = candidate);
    dir = dirname(dir);
  }
  throw new Error('cannot find proto/flotilla/v1alpha1 next to the installed code');
}

/** every API proto file, as its import path relative to protoRoot() ('flotilla/v1alpha1/common.proto'), sorted */
export function apiProtoFiles(): string[] {
  return readdirSync(join(protoRoot(), 'flotilla/v1alpha1'))
    .filter((f) => f.endsWith('.proto'))
    .sort()
    .map((f) => `flotilla/v1alpha1/${f}`);
}

export function loadApi(): { packageDefinition: protoLoader.PackageDefinition; grpcObject: grpc.GrpcObject } {
  if (cached) return cached;
  const packageDefinition = protoLoader.loadSync(apiProtoFiles(), { ...LOADER_OPTIONS, includeDirs: [protoRoot()] });
  cached = { packageDefinition, grpcObject: grpc.loadPackageDefinition(packageDefinition) };
  return cached;
}

const byFile = new Map<string, grpc.GrpcObject>();

/** the package object of one proto file (and what it imports), loaded once */
function loadFile(file: string): grpc.GrpcObject {
  let obj = byFile.get(file);
  if (!obj) {
    obj = grpc.loadPackageDefinition(protoLoader.loadSync([`flotilla/v1alpha1/${file}`], { ...LOADER_OPTIONS, includeDirs: [protoRoot()] }));
    byFile.set(file, obj);
  }
  return obj;
}

/**
 * The client constructor / service definition of `flotilla.v1alpha1.<name>`.
 * Reads only the service's own file (TaskBookService: taskbook.proto) unless
 * every file is loaded already (the server); falls back to all files.
 */
export function serviceClient(name: string): grpc.ServiceClientConstructor {
  const file = `${name.replace(/Service$/, '').toLowerCase()}.proto`;
  const grpcObject = cached?.grpcObject ?? (/^[a-z]+\.proto$/.test(file) && existsSync(join(protoRoot(), 'flotilla/v1alpha1', file)) ? loadFile(file) : loadApi().grpcObject);
  const pkg = (grpcObject.flotilla as grpc.GrpcObject | undefined)?.v1alpha1 as grpc.GrpcObject | undefined;
  const ctor = pkg?.[name] as grpc.ServiceClientConstructor | undefined;
  if (!ctor || typeof ctor !== 'function') throw new Error(`no service ${PROTO_PACKAGE}.${name} in the proto files`);
  return ctor;
}
