import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyBeaconRequest as _flotilla_v1alpha1_ApplyBeaconRequest, ApplyBeaconRequest__Output as _flotilla_v1alpha1_ApplyBeaconRequest__Output } from './flotilla/v1alpha1/ApplyBeaconRequest.js';
import type { ApplyBeaconResponse as _flotilla_v1alpha1_ApplyBeaconResponse, ApplyBeaconResponse__Output as _flotilla_v1alpha1_ApplyBeaconResponse__Output } from './flotilla/v1alpha1/ApplyBeaconResponse.js';
import type { Beacon as _flotilla_v1alpha1_Beacon, Beacon__Output as _flotilla_v1alpha1_Beacon__Output } from './flotilla/v1alpha1/Beacon.js';
import type { BeaconList as _flotilla_v1alpha1_BeaconList, BeaconList__Output as _flotilla_v1alpha1_BeaconList__Output } from './flotilla/v1alpha1/BeaconList.js';
import type { BeaconServiceClient as _flotilla_v1alpha1_BeaconServiceClient, BeaconServiceDefinition as _flotilla_v1alpha1_BeaconServiceDefinition } from './flotilla/v1alpha1/BeaconService.js';
import type { BeaconWatchEvent as _flotilla_v1alpha1_BeaconWatchEvent, BeaconWatchEvent__Output as _flotilla_v1alpha1_BeaconWatchEvent__Output } from './flotilla/v1alpha1/BeaconWatchEvent.js';
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
      ApplyBeaconRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyBeaconRequest, _flotilla_v1alpha1_ApplyBeaconRequest__Output>
      ApplyBeaconResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyBeaconResponse, _flotilla_v1alpha1_ApplyBeaconResponse__Output>
      ApplyResult: EnumTypeDefinition
      Beacon: MessageTypeDefinition<_flotilla_v1alpha1_Beacon, _flotilla_v1alpha1_Beacon__Output>
      BeaconList: MessageTypeDefinition<_flotilla_v1alpha1_BeaconList, _flotilla_v1alpha1_BeaconList__Output>
      BeaconService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_BeaconServiceClient> & { service: _flotilla_v1alpha1_BeaconServiceDefinition }
      BeaconWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_BeaconWatchEvent, _flotilla_v1alpha1_BeaconWatchEvent__Output>
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

