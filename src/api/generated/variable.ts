import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyVariableRequest as _flotilla_v1alpha1_ApplyVariableRequest, ApplyVariableRequest__Output as _flotilla_v1alpha1_ApplyVariableRequest__Output } from './flotilla/v1alpha1/ApplyVariableRequest.js';
import type { ApplyVariableResponse as _flotilla_v1alpha1_ApplyVariableResponse, ApplyVariableResponse__Output as _flotilla_v1alpha1_ApplyVariableResponse__Output } from './flotilla/v1alpha1/ApplyVariableResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { ObjectMeta as _flotilla_v1alpha1_ObjectMeta, ObjectMeta__Output as _flotilla_v1alpha1_ObjectMeta__Output } from './flotilla/v1alpha1/ObjectMeta.js';
import type { Variable as _flotilla_v1alpha1_Variable, Variable__Output as _flotilla_v1alpha1_Variable__Output } from './flotilla/v1alpha1/Variable.js';
import type { VariableList as _flotilla_v1alpha1_VariableList, VariableList__Output as _flotilla_v1alpha1_VariableList__Output } from './flotilla/v1alpha1/VariableList.js';
import type { VariableServiceClient as _flotilla_v1alpha1_VariableServiceClient, VariableServiceDefinition as _flotilla_v1alpha1_VariableServiceDefinition } from './flotilla/v1alpha1/VariableService.js';
import type { VariableWatchEvent as _flotilla_v1alpha1_VariableWatchEvent, VariableWatchEvent__Output as _flotilla_v1alpha1_VariableWatchEvent__Output } from './flotilla/v1alpha1/VariableWatchEvent.js';
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
      ApplyVariableRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyVariableRequest, _flotilla_v1alpha1_ApplyVariableRequest__Output>
      ApplyVariableResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyVariableResponse, _flotilla_v1alpha1_ApplyVariableResponse__Output>
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      ObjectMeta: MessageTypeDefinition<_flotilla_v1alpha1_ObjectMeta, _flotilla_v1alpha1_ObjectMeta__Output>
      Variable: MessageTypeDefinition<_flotilla_v1alpha1_Variable, _flotilla_v1alpha1_Variable__Output>
      VariableList: MessageTypeDefinition<_flotilla_v1alpha1_VariableList, _flotilla_v1alpha1_VariableList__Output>
      VariableService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_VariableServiceClient> & { service: _flotilla_v1alpha1_VariableServiceDefinition }
      VariableWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_VariableWatchEvent, _flotilla_v1alpha1_VariableWatchEvent__Output>
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

