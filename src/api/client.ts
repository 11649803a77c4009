// What flotctl needs of the API besides the wire codec (wire.ts), without
// grpc-js, proto-loader or the server: the object codec and the error
// mapping. index.ts pulls in the server, reflection and health checking.

export { toProto, fromProto, protoToResource, APPLY_RESULT, WATCH_EVENT_TYPE, type ProtoObject } from './codec.js';
export { fromGrpcError } from './status-codes.js';
export { toStruct, fromStruct, type ProtoStruct } from './struct.js';
export type { ClusterInfo } from './services.js';
