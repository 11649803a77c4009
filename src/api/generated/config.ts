import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyConfigRequest as _flotilla_v1alpha1_ApplyConfigRequest, ApplyConfigRequest__Output as _flotilla_v1alpha1_ApplyConfigRequest__Output } from './flotilla/v1alpha1/ApplyConfigRequest.js';
import type { ApplyConfigResponse as _flotilla_v1alpha1_ApplyConfigResponse, ApplyConfigResponse__Output as _flotilla_v1alpha1_ApplyConfigResponse__Output } from './flotilla/v1alpha1/ApplyConfigResponse.js';
import type { Config as _flotilla_v1alpha1_Config, Config__Output as _flotilla_v1alpha1_Config__Output } from './flotilla/v1alpha1/Config.js';
import type { ConfigList as _flotilla_v1alpha1_ConfigList, ConfigList__Output as _flotilla_v1alpha1_ConfigList__Output } from './flotilla/v1alpha1/ConfigList.js';
import type { ConfigServiceClient as _flotilla_v1alpha1_ConfigServiceClient, ConfigServiceDefinition as _flotilla_v1alpha1_ConfigServiceDefinition } from './flotilla/v1alpha1/ConfigService.js';
import type { ConfigWatchEvent as _flotilla_v1alpha1_ConfigWatchEvent, ConfigWatchEvent__Output as _flotilla_v1alpha1_ConfigWatchEvent__Output } from './flotilla/v1alpha1/ConfigWatchEvent.js';
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
      ApplyConfigRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyConfigRequest, _flotilla_v1alpha1_ApplyConfigRequest__Output>
      ApplyConfigResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyConfigResponse, _flotilla_v1alpha1_ApplyConfigResponse__Output>
      ApplyResult: EnumTypeDefinition
      Config: MessageTypeDefinition<_flotilla_v1alpha1_Config, _flotilla_v1alpha1_Config__Output>
      ConfigList: MessageTypeDefinition<_flotilla_v1alpha1_ConfigList, _flotilla_v1alpha1_ConfigList__Output>
      ConfigService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_ConfigServiceClient> & { service: _flotilla_v1alpha1_ConfigServiceDefinition }
      ConfigWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_ConfigWatchEvent, _flotilla_v1alpha1_ConfigWatchEvent__Output>
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

