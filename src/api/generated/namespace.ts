import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyNamespaceRequest as _flotilla_v1alpha1_ApplyNamespaceRequest, ApplyNamespaceRequest__Output as _flotilla_v1alpha1_ApplyNamespaceRequest__Output } from './flotilla/v1alpha1/ApplyNamespaceRequest.js';
import type { ApplyNamespaceResponse as _flotilla_v1alpha1_ApplyNamespaceResponse, ApplyNamespaceResponse__Output as _flotilla_v1alpha1_ApplyNamespaceResponse__Output } from './flotilla/v1alpha1/ApplyNamespaceResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { Namespace as _flotilla_v1alpha1_Namespace, Namespace__Output as _flotilla_v1alpha1_Namespace__Output } from './flotilla/v1alpha1/Namespace.js';
import type { NamespaceList as _flotilla_v1alpha1_NamespaceList, NamespaceList__Output as _flotilla_v1alpha1_NamespaceList__Output } from './flotilla/v1alpha1/NamespaceList.js';
import type { NamespaceServiceClient as _flotilla_v1alpha1_NamespaceServiceClient, NamespaceServiceDefinition as _flotilla_v1alpha1_NamespaceServiceDefinition } from './flotilla/v1alpha1/NamespaceService.js';
import type { NamespaceWatchEvent as _flotilla_v1alpha1_NamespaceWatchEvent, NamespaceWatchEvent__Output as _flotilla_v1alpha1_NamespaceWatchEvent__Output } from './flotilla/v1alpha1/NamespaceWatchEvent.js';
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
      ApplyNamespaceRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyNamespaceRequest, _flotilla_v1alpha1_ApplyNamespaceRequest__Output>
      ApplyNamespaceResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyNamespaceResponse, _flotilla_v1alpha1_ApplyNamespaceResponse__Output>
      ApplyResult: EnumTypeDefinition
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      Namespace: MessageTypeDefinition<_flotilla_v1alpha1_Namespace, _flotilla_v1alpha1_Namespace__Output>
      NamespaceList: MessageTypeDefinition<_flotilla_v1alpha1_NamespaceList, _flotilla_v1alpha1_NamespaceList__Output>
      NamespaceService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_NamespaceServiceClient> & { service: _flotilla_v1alpha1_NamespaceServiceDefinition }
      NamespaceWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_NamespaceWatchEvent, _flotilla_v1alpha1_NamespaceWatchEvent__Output>
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

