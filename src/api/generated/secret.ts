import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplySecretRequest as _flotilla_v1alpha1_ApplySecretRequest, ApplySecretRequest__Output as _flotilla_v1alpha1_ApplySecretRequest__Output } from './flotilla/v1alpha1/ApplySecretRequest.js';
import type { ApplySecretResponse as _flotilla_v1alpha1_ApplySecretResponse, ApplySecretResponse__Output as _flotilla_v1alpha1_ApplySecretResponse__Output } from './flotilla/v1alpha1/ApplySecretResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { ObjectMeta as _flotilla_v1alpha1_ObjectMeta, ObjectMeta__Output as _flotilla_v1alpha1_ObjectMeta__Output } from './flotilla/v1alpha1/ObjectMeta.js';
import type { Secret as _flotilla_v1alpha1_Secret, Secret__Output as _flotilla_v1alpha1_Secret__Output } from './flotilla/v1alpha1/Secret.js';
import type { SecretList as _flotilla_v1alpha1_SecretList, SecretList__Output as _flotilla_v1alpha1_SecretList__Output } from './flotilla/v1alpha1/SecretList.js';
import type { SecretServiceClient as _flotilla_v1alpha1_SecretServiceClient, SecretServiceDefinition as _flotilla_v1alpha1_SecretServiceDefinition } from './flotilla/v1alpha1/SecretService.js';
import type { SecretWatchEvent as _flotilla_v1alpha1_SecretWatchEvent, SecretWatchEvent__Output as _flotilla_v1alpha1_SecretWatchEvent__Output } from './flotilla/v1alpha1/SecretWatchEvent.js';
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
      ApplySecretRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplySecretRequest, _flotilla_v1alpha1_ApplySecretRequest__Output>
      ApplySecretResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplySecretResponse, _flotilla_v1alpha1_ApplySecretResponse__Output>
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      ObjectMeta: MessageTypeDefinition<_flotilla_v1alpha1_ObjectMeta, _flotilla_v1alpha1_ObjectMeta__Output>
      Secret: MessageTypeDefinition<_flotilla_v1alpha1_Secret, _flotilla_v1alpha1_Secret__Output>
      SecretList: MessageTypeDefinition<_flotilla_v1alpha1_SecretList, _flotilla_v1alpha1_SecretList__Output>
      SecretService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_SecretServiceClient> & { service: _flotilla_v1alpha1_SecretServiceDefinition }
      SecretWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_SecretWatchEvent, _flotilla_v1alpha1_SecretWatchEvent__Output>
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

