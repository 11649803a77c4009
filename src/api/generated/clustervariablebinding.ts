import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyClusterVariableBindingRequest as _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, ApplyClusterVariableBindingRequest__Output as _flotilla_v1alpha1_ApplyClusterVariableBindingRequest__Output } from './flotilla/v1alpha1/ApplyClusterVariableBindingRequest.js';
import type { ApplyClusterVariableBindingResponse as _flotilla_v1alpha1_ApplyClusterVariableBindingResponse, ApplyClusterVariableBindingResponse__Output as _flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output } from './flotilla/v1alpha1/ApplyClusterVariableBindingResponse.js';
import type { ClusterVariableBinding as _flotilla_v1alpha1_ClusterVariableBinding, ClusterVariableBinding__Output as _flotilla_v1alpha1_ClusterVariableBinding__Output } from './flotilla/v1alpha1/ClusterVariableBinding.js';
import type { ClusterVariableBindingList as _flotilla_v1alpha1_ClusterVariableBindingList, ClusterVariableBindingList__Output as _flotilla_v1alpha1_ClusterVariableBindingList__Output } from './flotilla/v1alpha1/ClusterVariableBindingList.js';
import type { ClusterVariableBindingServiceClient as _flotilla_v1alpha1_ClusterVariableBindingServiceClient, ClusterVariableBindingServiceDefinition as _flotilla_v1alpha1_ClusterVariableBindingServiceDefinition } from './flotilla/v1alpha1/ClusterVariableBindingService.js';
import type { ClusterVariableBindingWatchEvent as _flotilla_v1alpha1_ClusterVariableBindingWatchEvent, ClusterVariableBindingWatchEvent__Output as _flotilla_v1alpha1_ClusterVariableBindingWatchEvent__Output } from './flotilla/v1alpha1/ClusterVariableBindingWatchEvent.js';
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
      ApplyClusterVariableBindingRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyClusterVariableBindingRequest, _flotilla_v1alpha1_ApplyClusterVariableBindingRequest__Output>
      ApplyClusterVariableBindingResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyClusterVariableBindingResponse, _flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>
      ApplyResult: EnumTypeDefinition
      ClusterVariableBinding: MessageTypeDefinition<_flotilla_v1alpha1_ClusterVariableBinding, _flotilla_v1alpha1_ClusterVariableBinding__Output>
      ClusterVariableBindingList: MessageTypeDefinition<_flotilla_v1alpha1_ClusterVariableBindingList, _flotilla_v1alpha1_ClusterVariableBindingList__Output>
      ClusterVariableBindingService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_ClusterVariableBindingServiceClient> & { service: _flotilla_v1alpha1_ClusterVariableBindingServiceDefinition }
      ClusterVariableBindingWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_ClusterVariableBindingWatchEvent, _flotilla_v1alpha1_ClusterVariableBindingWatchEvent__Output>
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

