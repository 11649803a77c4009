import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyCronJobRequest as _flotilla_v1alpha1_ApplyCronJobRequest, ApplyCronJobRequest__Output as _flotilla_v1alpha1_ApplyCronJobRequest__Output } from './flotilla/v1alpha1/ApplyCronJobRequest.js';
import type { ApplyCronJobResponse as _flotilla_v1alpha1_ApplyCronJobResponse, ApplyCronJobResponse__Output as _flotilla_v1alpha1_ApplyCronJobResponse__Output } from './flotilla/v1alpha1/ApplyCronJobResponse.js';
import type { CronJob as _flotilla_v1alpha1_CronJob, CronJob__Output as _flotilla_v1alpha1_CronJob__Output } from './flotilla/v1alpha1/CronJob.js';
import type { CronJobList as _flotilla_v1alpha1_CronJobList, CronJobList__Output as _flotilla_v1alpha1_CronJobList__Output } from './flotilla/v1alpha1/CronJobList.js';
import type { CronJobServiceClient as _flotilla_v1alpha1_CronJobServiceClient, CronJobServiceDefinition as _flotilla_v1alpha1_CronJobServiceDefinition } from './flotilla/v1alpha1/CronJobService.js';
import type { CronJobWatchEvent as _flotilla_v1alpha1_CronJobWatchEvent, CronJobWatchEvent__Output as _flotilla_v1alpha1_CronJobWatchEvent__Output } from './flotilla/v1alpha1/CronJobWatchEvent.js';
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
      ApplyCronJobRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyCronJobRequest, _flotilla_v1alpha1_ApplyCronJobRequest__Output>
      ApplyCronJobResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyCronJobResponse, _flotilla_v1alpha1_ApplyCronJobResponse__Output>
      ApplyResult: EnumTypeDefinition
      CronJob: MessageTypeDefinition<_flotilla_v1alpha1_CronJob, _flotilla_v1alpha1_CronJob__Output>
      CronJobList: MessageTypeDefinition<_flotilla_v1alpha1_CronJobList, _flotilla_v1alpha1_CronJobList__Output>
      CronJobService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_CronJobServiceClient> & { service: _flotilla_v1alpha1_CronJobServiceDefinition }
      CronJobWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_CronJobWatchEvent, _flotilla_v1alpha1_CronJobWatchEvent__Output>
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

