import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyTaskBookRequest as _flotilla_v1alpha1_ApplyTaskBookRequest, ApplyTaskBookRequest__Output as _flotilla_v1alpha1_ApplyTaskBookRequest__Output } from './flotilla/v1alpha1/ApplyTaskBookRequest.js';
import type { ApplyTaskBookResponse as _flotilla_v1alpha1_ApplyTaskBookResponse, ApplyTaskBookResponse__Output as _flotilla_v1alpha1_ApplyTaskBookResponse__Output } from './flotilla/v1alpha1/ApplyTaskBookResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { ObjectMeta as _flotilla_v1alpha1_ObjectMeta, ObjectMeta__Output as _flotilla_v1alpha1_ObjectMeta__Output } from './flotilla/v1alpha1/ObjectMeta.js';
import type { TaskBook as _flotilla_v1alpha1_TaskBook, TaskBook__Output as _flotilla_v1alpha1_TaskBook__Output } from './flotilla/v1alpha1/TaskBook.js';
import type { TaskBookList as _flotilla_v1alpha1_TaskBookList, TaskBookList__Output as _flotilla_v1alpha1_TaskBookList__Output } from './flotilla/v1alpha1/TaskBookList.js';
import type { TaskBookServiceClient as _flotilla_v1alpha1_TaskBookServiceClient, TaskBookServiceDefinition as _flotilla_v1alpha1_TaskBookServiceDefinition } from './flotilla/v1alpha1/TaskBookService.js';
import type { TaskBookWatchEvent as _flotilla_v1alpha1_TaskBookWatchEvent, TaskBookWatchEvent__Output as _flotilla_v1alpha1_TaskBookWatchEvent__Output } from './flotilla/v1alpha1/TaskBookWatchEvent.js';
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
      ApplyResult: EnumTypeDefinition
      ApplyTaskBookRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyTaskBookRequest, _flotilla_v1alpha1_ApplyTaskBookRequest__Output>
      ApplyTaskBookResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyTaskBookResponse, _flotilla_v1alpha1_ApplyTaskBookResponse__Output>
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      ObjectMeta: MessageTypeDefinition<_flotilla_v1alpha1_ObjectMeta, _flotilla_v1alpha1_ObjectMeta__Output>
      TaskBook: MessageTypeDefinition<_flotilla_v1alpha1_TaskBook, _flotilla_v1alpha1_TaskBook__Output>
      TaskBookList: MessageTypeDefinition<_flotilla_v1alpha1_TaskBookList, _flotilla_v1alpha1_TaskBookList__Output>
      TaskBookService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_TaskBookServiceClient> & { service: _flotilla_v1alpha1_TaskBookServiceDefinition }
      TaskBookWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_TaskBookWatchEvent, _flotilla_v1alpha1_TaskBookWatchEvent__Output>
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

