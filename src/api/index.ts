export { ApiServer, type ApiServerOptions } from './api-server.js';
export type { ClusterInfo } from './services.js';
export { loadApi, serviceClient, LOADER_OPTIONS, PROTO_PACKAGE } from './loader.js';
export { toProto, fromProto, protoToResource, APPLY_RESULT, WATCH_EVENT_TYPE, type ProtoObject } from './codec.js';
export { toGrpcStatus, fromGrpcError } from './status.js';
export { toStruct, fromStruct, type ProtoStruct } from './struct.js';
