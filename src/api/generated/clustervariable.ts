import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyClusterVariableRequest as _flotilla_v1alpha1_ApplyClusterVariableRequest, ApplyClusterVariableRequest__Output as _flotilla_v1alpha1_ApplyClusterVariableRequest__Output } from './flotilla/v1alpha1/ApplyClusterVariableRequest.js';
import type { ApplyClusterVariableResponse as _flotilla_v1alpha1_ApplyClusterVariableResponse, ApplyClusterVariableResponse__Output as _flotilla_v1alpha1_ApplyClusterVariableResponse__Output } from './flotilla/v1alpha1/ApplyClusterVariableResponse.js';
import type { ClusterVariable as _flotilla_v1alpha1_ClusterVariable, ClusterVariable__Output as _flotilla_v1alpha1_ClusterVariable__Output } from './flotilla/v1alpha1/ClusterVariable.js';
import type { ClusterVariableList as _flotilla_v1alpha1_ClusterVariableList, ClusterVariableList__Output as _flotilla_v1alpha1_ClusterVariableList__Output } from './flotilla/v1alpha1/ClusterVariableList.js';
import type { ClusterVariableServiceClient as _flotilla_v1alpha1_ClusterVariableServiceClient, ClusterVariableServiceDefinition as _flotilla_v1alpha1_ClusterVariableServiceDefinition } from './flotilla/v1alpha1/ClusterVariableService.js';
import type { ClusterVariableWatchEvent as _flotilla_v1alpha1_ClusterVariableWatchEvent, ClusterVariableWatchEvent__Output as _flotilla_v1alpha1_ClusterVariableWatchEvent__Output } from './flotilla/v1alpha1/ClusterVariableWatchEvent.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { ObjectMeta as _flotilla_v1alpha1_ObjectMeta, ObjectMeta__Output as _flotilla_v1alpha1_ObjectMeta__Output } from './flotilla/v1alpha1/ObjectMeta.js';
import type { WatchRequest as _flotilla_v1alpha1_WatchRequest, WatchRequest__Output as _flotilla_v1alpha1_WatchRequest__Output } from './flotilla/v1alpha1/WatchRequest.js';
import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  flotilla: {
    v1alpha1: {
      ApplyClusterVariableRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyClusterVariableRequest, _flotilla_v1alpha1_ApplyClusterVariableRequest__Output>
      ApplyClusterVariableResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyClusterVariableResponse, _flotilla_v1alpha1_ApplyClusterVariableResponse__Output>
      ApplyResult: EnumTypeDefinition
      ClusterVariable: MessageTypeDefinition<_flotilla_v1alpha1_ClusterVariable, _flotilla_v1alpha1_ClusterVariable__Output>
      ClusterVariableList: MessageTypeDefinition<_flotilla_v1alpha1_ClusterVariableList, _flotilla_v1alpha1_ClusterVariableList__Output>
      ClusterVariableService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_ClusterVariableServiceClient> & { service: _flotilla_v1alpha1_ClusterVariableServiceDefinition }
      ClusterVariableWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_ClusterVariableWatchEvent, _flotilla_v1alpha1_ClusterVariableWatchEvent__Output>
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      ObjectMeta: MessageTypeDefinition<_flotilla_v1alpha1_ObjectMeta, _flotilla_v1alpha1_ObjectMeta__Output>
      WatchEventType: EnumTypeDefinition
      WatchRequest: MessageTypeDefinition<_flotilla_v1alpha1_WatchRequest, _flotilla_v1alpha1_WatchRequest__Output>
    }
  }
  google: {
    protobuf: {
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
}

