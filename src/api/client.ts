// What a gRPC client of the API needs, without the server: the service
// constructors (each loads only its own proto file, so a CLI call parses two
// or three small files instead of all of them), the object codec and the
// error mapping. flotctl imports this, not index.ts (which pulls in the
// server, reflection and health checking).

export { serviceClient, LOADER_OPTIONS, PROTO_PACKAGE } from './loader.js';
export { toProto, fromProto, protoToResource, APPLY_RESULT, WATCH_EVENT_TYPE, type ProtoObject } from './codec.js';
export { fromGrpcError } from './status.js';
export { toStruct, fromStruct, type ProtoStruct } from './struct.js';
export type { ClusterInfo } from './services.js';
