// Loads the API's proto files (proto/flotilla/v1alpha1) once per process. The
// same package definition serves the gRPC server, server reflection and the
// CLI client, so they can never disagree.

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
export function protoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'flotilla/v1alpha1/common.proto'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('cannot find proto/flotilla/v1alpha1 next to the installed code');
}

export function loadApi(): { packageDefinition: protoLoader.PackageDefinition; grpcObject: grpc.GrpcObject } {
  if (cached) return cached;
  const root = protoRoot();
  const files = readdirSync(join(root, 'flotilla/v1alpha1'))
    .filter((f) => f.endsWith('.proto'))
    .sort()
    .map((f) => `flotilla/v1alpha1/${f}`);
  const packageDefinition = protoLoader.loadSync(files, { ...LOADER_OPTIONS, includeDirs: [root] });
  cached = { packageDefinition, grpcObject: grpc.loadPackageDefinition(packageDefinition) };
  return cached;
}

/** the client constructor / service definition of `flotilla.v1alpha1.<name>` */
export function serviceClient(name: string): grpc.ServiceClientConstructor {
  const pkg = (loadApi().grpcObject.flotilla as grpc.GrpcObject).v1alpha1 as grpc.GrpcObject;
  const ctor = pkg[name] as grpc.ServiceClientConstructor | undefined;
  if (!ctor || typeof ctor !== 'function') throw new Error(`no service ${PROTO_PACKAGE}.${name} in the proto files`);
  return ctor;
}
