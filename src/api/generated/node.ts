import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyNodeRequest as _flotilla_v1alpha1_ApplyNodeRequest, ApplyNodeRequest__Output as _flotilla_v1alpha1_ApplyNodeRequest__Output } from './flotilla/v1alpha1/ApplyNodeRequest.js';
import type { ApplyNodeResponse as _flotilla_v1alpha1_ApplyNodeResponse, ApplyNodeResponse__Output as _flotilla_v1alpha1_ApplyNodeResponse__Output } from './flotilla/v1alpha1/ApplyNodeResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { Node as _flotilla_v1alpha1_Node, Node__Output as _flotilla_v1alpha1_Node__Output } from './flotilla/v1alpha1/Node.js';
import type { NodeList as _flotilla_v1alpha1_NodeList, NodeList__Output as _flotilla_v1alpha1_NodeList__Output } from './flotilla/v1alpha1/NodeList.js';
import type { NodeServiceClient as _flotilla_v1alpha1_NodeServiceClient, NodeServiceDefinition as _flotilla_v1alpha1_NodeServiceDefinition } from './flotilla/v1alpha1/NodeService.js';
import type { NodeWatchEvent as _flotilla_v1alpha1_NodeWatchEvent, NodeWatchEvent__Output as _flotilla_v1alpha1_NodeWatchEvent__Output } from './flotilla/v1alpha1/NodeWatchEvent.js';
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
      ApplyNodeRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyNodeRequest, _flotilla_v1alpha1_ApplyNodeRequest__Output>
      ApplyNodeResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyNodeResponse, _flotilla_v1alpha1_ApplyNodeResponse__Output>
      ApplyResult: EnumTypeDefinition
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      Node: MessageTypeDefinition<_flotilla_v1alpha1_Node, _flotilla_v1alpha1_Node__Output>
      NodeList: MessageTypeDefinition<_flotilla_v1alpha1_NodeList, _flotilla_v1alpha1_NodeList__Output>
      NodeService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_NodeServiceClient> & { service: _flotilla_v1alpha1_NodeServiceDefinition }
      NodeWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_NodeWatchEvent, _flotilla_v1alpha1_NodeWatchEvent__Output>
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

