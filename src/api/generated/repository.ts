import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyRepositoryRequest as _flotilla_v1alpha1_ApplyRepositoryRequest, ApplyRepositoryRequest__Output as _flotilla_v1alpha1_ApplyRepositoryRequest__Output } from './flotilla/v1alpha1/ApplyRepositoryRequest.js';
import type { ApplyRepositoryResponse as _flotilla_v1alpha1_ApplyRepositoryResponse, ApplyRepositoryResponse__Output as _flotilla_v1alpha1_ApplyRepositoryResponse__Output } from './flotilla/v1alpha1/ApplyRepositoryResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { ObjectMeta as _flotilla_v1alpha1_ObjectMeta, ObjectMeta__Output as _flotilla_v1alpha1_ObjectMeta__Output } from './flotilla/v1alpha1/ObjectMeta.js';
import type { Repository as _flotilla_v1alpha1_Repository, Repository__Output as _flotilla_v1alpha1_Repository__Output } from './flotilla/v1alpha1/Repository.js';
import type { RepositoryList as _flotilla_v1alpha1_RepositoryList, RepositoryList__Output as _flotilla_v1alpha1_RepositoryList__Output } from './flotilla/v1alpha1/RepositoryList.js';
import type { RepositoryServiceClient as _flotilla_v1alpha1_RepositoryServiceClient, RepositoryServiceDefinition as _flotilla_v1alpha1_RepositoryServiceDefinition } from './flotilla/v1alpha1/RepositoryService.js';
import type { RepositoryWatchEvent as _flotilla_v1alpha1_RepositoryWatchEvent, RepositoryWatchEvent__Output as _flotilla_v1alpha1_RepositoryWatchEvent__Output } from './flotilla/v1alpha1/RepositoryWatchEvent.js';
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
      ApplyRepositoryRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyRepositoryRequest, _flotilla_v1alpha1_ApplyRepositoryRequest__Output>
      ApplyRepositoryResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyRepositoryResponse, _flotilla_v1alpha1_ApplyRepositoryResponse__Output>
      ApplyResult: EnumTypeDefinition
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      ObjectMeta: MessageTypeDefinition<_flotilla_v1alpha1_ObjectMeta, _flotilla_v1alpha1_ObjectMeta__Output>
      Repository: MessageTypeDefinition<_flotilla_v1alpha1_Repository, _flotilla_v1alpha1_Repository__Output>
      RepositoryList: MessageTypeDefinition<_flotilla_v1alpha1_RepositoryList, _flotilla_v1alpha1_RepositoryList__Output>
      RepositoryService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_RepositoryServiceClient> & { service: _flotilla_v1alpha1_RepositoryServiceDefinition }
      RepositoryWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_RepositoryWatchEvent, _flotilla_v1alpha1_RepositoryWatchEvent__Output>
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

