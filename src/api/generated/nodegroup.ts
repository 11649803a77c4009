import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyNodeGroupRequest as _flotilla_v1alpha1_ApplyNodeGroupRequest, ApplyNodeGroupRequest__Output as _flotilla_v1alpha1_ApplyNodeGroupRequest__Output } from './flotilla/v1alpha1/ApplyNodeGroupRequest.js';
import type { ApplyNodeGroupResponse as _flotilla_v1alpha1_ApplyNodeGroupResponse, ApplyNodeGroupResponse__Output as _flotilla_v1alpha1_ApplyNodeGroupResponse__Output } from './flotilla/v1alpha1/ApplyNodeGroupResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { NodeGroup as _flotilla_v1alpha1_NodeGroup, NodeGroup__Output as _flotilla_v1alpha1_NodeGroup__Output } from './flotilla/v1alpha1/NodeGroup.js';
import type { NodeGroupList as _flotilla_v1alpha1_NodeGroupList, NodeGroupList__Output as _flotilla_v1alpha1_NodeGroupList__Output } from './flotilla/v1alpha1/NodeGroupList.js';
import type { NodeGroupServiceClient as _flotilla_v1alpha1_NodeGroupServiceClient, NodeGroupServiceDefinition as _flotilla_v1alpha1_NodeGroupServiceDefinition } from './flotilla/v1alpha1/NodeGroupService.js';
import type { NodeGroupWatchEvent as _flotilla_v1alpha1_NodeGroupWatchEvent, NodeGroupWatchEvent__Output as _flotilla_v1alpha1_NodeGroupWatchEvent__Output } from './flotilla/v1alpha1/NodeGroupWatchEvent.js';
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
      ApplyNodeGroupRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyNodeGroupRequest, _flotilla_v1alpha1_ApplyNodeGroupRequest__Output>
      ApplyNodeGroupResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyNodeGroupResponse, _flotilla_v1alpha1_ApplyNodeGroupResponse__Output>
      ApplyResult: EnumTypeDefinition
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      NodeGroup: MessageTypeDefinition<_flotilla_v1alpha1_NodeGroup, _flotilla_v1alpha1_NodeGroup__Output>
      NodeGroupList: MessageTypeDefinition<_flotilla_v1alpha1_NodeGroupList, _flotilla_v1alpha1_NodeGroupList__Output>
      NodeGroupService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_NodeGroupServiceClient> & { service: _flotilla_v1alpha1_NodeGroupServiceDefinition }
      NodeGroupWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_NodeGroupWatchEvent, _flotilla_v1alpha1_NodeGroupWatchEvent__Output>
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

