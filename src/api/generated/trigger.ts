import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyTriggerRequest as _flotilla_v1alpha1_ApplyTriggerRequest, ApplyTriggerRequest__Output as _flotilla_v1alpha1_ApplyTriggerRequest__Output } from './flotilla/v1alpha1/ApplyTriggerRequest.js';
import type { ApplyTriggerResponse as _flotilla_v1alpha1_ApplyTriggerResponse, ApplyTriggerResponse__Output as _flotilla_v1alpha1_ApplyTriggerResponse__Output } from './flotilla/v1alpha1/ApplyTriggerResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { ObjectMeta as _flotilla_v1alpha1_ObjectMeta, ObjectMeta__Output as _flotilla_v1alpha1_ObjectMeta__Output } from './flotilla/v1alpha1/ObjectMeta.js';
import type { Trigger as _flotilla_v1alpha1_Trigger, Trigger__Output as _flotilla_v1alpha1_Trigger__Output } from './flotilla/v1alpha1/Trigger.js';
import type { TriggerList as _flotilla_v1alpha1_TriggerList, TriggerList__Output as _flotilla_v1alpha1_TriggerList__Output } from './flotilla/v1alpha1/TriggerList.js';
import type { TriggerServiceClient as _flotilla_v1alpha1_TriggerServiceClient, TriggerServiceDefinition as _flotilla_v1alpha1_TriggerServiceDefinition } from './flotilla/v1alpha1/TriggerService.js';
import type { TriggerWatchEvent as _flotilla_v1alpha1_TriggerWatchEvent, TriggerWatchEvent__Output as _flotilla_v1alpha1_TriggerWatchEvent__Output } from './flotilla/v1alpha1/TriggerWatchEvent.js';
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
      ApplyTriggerRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyTriggerRequest, _flotilla_v1alpha1_ApplyTriggerRequest__Output>
      ApplyTriggerResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyTriggerResponse, _flotilla_v1alpha1_ApplyTriggerResponse__Output>
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      ObjectMeta: MessageTypeDefinition<_flotilla_v1alpha1_ObjectMeta, _flotilla_v1alpha1_ObjectMeta__Output>
      Trigger: MessageTypeDefinition<_flotilla_v1alpha1_Trigger, _flotilla_v1alpha1_Trigger__Output>
      TriggerList: MessageTypeDefinition<_flotilla_v1alpha1_TriggerList, _flotilla_v1alpha1_TriggerList__Output>
      TriggerService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_TriggerServiceClient> & { service: _flotilla_v1alpha1_TriggerServiceDefinition }
      TriggerWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_TriggerWatchEvent, _flotilla_v1alpha1_TriggerWatchEvent__Output>
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

