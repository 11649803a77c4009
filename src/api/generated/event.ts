import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyEventRequest as _flotilla_v1alpha1_ApplyEventRequest, ApplyEventRequest__Output as _flotilla_v1alpha1_ApplyEventRequest__Output } from './flotilla/v1alpha1/ApplyEventRequest.js';
import type { ApplyEventResponse as _flotilla_v1alpha1_ApplyEventResponse, ApplyEventResponse__Output as _flotilla_v1alpha1_ApplyEventResponse__Output } from './flotilla/v1alpha1/ApplyEventResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { Event as _flotilla_v1alpha1_Event, Event__Output as _flotilla_v1alpha1_Event__Output } from './flotilla/v1alpha1/Event.js';
import type { EventList as _flotilla_v1alpha1_EventList, EventList__Output as _flotilla_v1alpha1_EventList__Output } from './flotilla/v1alpha1/EventList.js';
import type { EventServiceClient as _flotilla_v1alpha1_EventServiceClient, EventServiceDefinition as _flotilla_v1alpha1_EventServiceDefinition } from './flotilla/v1alpha1/EventService.js';
import type { EventWatchEvent as _flotilla_v1alpha1_EventWatchEvent, EventWatchEvent__Output as _flotilla_v1alpha1_EventWatchEvent__Output } from './flotilla/v1alpha1/EventWatchEvent.js';
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
      ApplyEventRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyEventRequest, _flotilla_v1alpha1_ApplyEventRequest__Output>
      ApplyEventResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyEventResponse, _flotilla_v1alpha1_ApplyEventResponse__Output>
      ApplyResult: EnumTypeDefinition
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      Event: MessageTypeDefinition<_flotilla_v1alpha1_Event, _flotilla_v1alpha1_Event__Output>
      EventList: MessageTypeDefinition<_flotilla_v1alpha1_EventList, _flotilla_v1alpha1_EventList__Output>
      EventService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_EventServiceClient> & { service: _flotilla_v1alpha1_EventServiceDefinition }
      EventWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_EventWatchEvent, _flotilla_v1alpha1_EventWatchEvent__Output>
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

