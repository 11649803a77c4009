import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyRunRequest as _flotilla_v1alpha1_ApplyRunRequest, ApplyRunRequest__Output as _flotilla_v1alpha1_ApplyRunRequest__Output } from './flotilla/v1alpha1/ApplyRunRequest.js';
import type { ApplyRunResponse as _flotilla_v1alpha1_ApplyRunResponse, ApplyRunResponse__Output as _flotilla_v1alpha1_ApplyRunResponse__Output } from './flotilla/v1alpha1/ApplyRunResponse.js';
import type { CancelRunRequest as _flotilla_v1alpha1_CancelRunRequest, CancelRunRequest__Output as _flotilla_v1alpha1_CancelRunRequest__Output } from './flotilla/v1alpha1/CancelRunRequest.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from './flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from './flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from './flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from './flotilla/v1alpha1/ListRequest.js';
import type { NodeRunLog as _flotilla_v1alpha1_NodeRunLog, NodeRunLog__Output as _flotilla_v1alpha1_NodeRunLog__Output } from './flotilla/v1alpha1/NodeRunLog.js';
import type { ObjectMeta as _flotilla_v1alpha1_ObjectMeta, ObjectMeta__Output as _flotilla_v1alpha1_ObjectMeta__Output } from './flotilla/v1alpha1/ObjectMeta.js';
import type { Run as _flotilla_v1alpha1_Run, Run__Output as _flotilla_v1alpha1_Run__Output } from './flotilla/v1alpha1/Run.js';
import type { RunList as _flotilla_v1alpha1_RunList, RunList__Output as _flotilla_v1alpha1_RunList__Output } from './flotilla/v1alpha1/RunList.js';
import type { RunLogs as _flotilla_v1alpha1_RunLogs, RunLogs__Output as _flotilla_v1alpha1_RunLogs__Output } from './flotilla/v1alpha1/RunLogs.js';
import type { RunLogsRequest as _flotilla_v1alpha1_RunLogsRequest, RunLogsRequest__Output as _flotilla_v1alpha1_RunLogsRequest__Output } from './flotilla/v1alpha1/RunLogsRequest.js';
import type { RunServiceClient as _flotilla_v1alpha1_RunServiceClient, RunServiceDefinition as _flotilla_v1alpha1_RunServiceDefinition } from './flotilla/v1alpha1/RunService.js';
import type { RunWatchEvent as _flotilla_v1alpha1_RunWatchEvent, RunWatchEvent__Output as _flotilla_v1alpha1_RunWatchEvent__Output } from './flotilla/v1alpha1/RunWatchEvent.js';
import type { StartRunRequest as _flotilla_v1alpha1_StartRunRequest, StartRunRequest__Output as _flotilla_v1alpha1_StartRunRequest__Output } from './flotilla/v1alpha1/StartRunRequest.js';
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
      ApplyRunRequest: MessageTypeDefinition<_flotilla_v1alpha1_ApplyRunRequest, _flotilla_v1alpha1_ApplyRunRequest__Output>
      ApplyRunResponse: MessageTypeDefinition<_flotilla_v1alpha1_ApplyRunResponse, _flotilla_v1alpha1_ApplyRunResponse__Output>
      CancelRunRequest: MessageTypeDefinition<_flotilla_v1alpha1_CancelRunRequest, _flotilla_v1alpha1_CancelRunRequest__Output>
      DeleteRequest: MessageTypeDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ListRequest__Output>
      NodeRunLog: MessageTypeDefinition<_flotilla_v1alpha1_NodeRunLog, _flotilla_v1alpha1_NodeRunLog__Output>
      ObjectMeta: MessageTypeDefinition<_flotilla_v1alpha1_ObjectMeta, _flotilla_v1alpha1_ObjectMeta__Output>
      Run: MessageTypeDefinition<_flotilla_v1alpha1_Run, _flotilla_v1alpha1_Run__Output>
      RunList: MessageTypeDefinition<_flotilla_v1alpha1_RunList, _flotilla_v1alpha1_RunList__Output>
      RunLogs: MessageTypeDefinition<_flotilla_v1alpha1_RunLogs, _flotilla_v1alpha1_RunLogs__Output>
      RunLogsRequest: MessageTypeDefinition<_flotilla_v1alpha1_RunLogsRequest, _flotilla_v1alpha1_RunLogsRequest__Output>
      RunService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_RunServiceClient> & { service: _flotilla_v1alpha1_RunServiceDefinition }
      RunWatchEvent: MessageTypeDefinition<_flotilla_v1alpha1_RunWatchEvent, _flotilla_v1alpha1_RunWatchEvent__Output>
      StartRunRequest: MessageTypeDefinition<_flotilla_v1alpha1_StartRunRequest, _flotilla_v1alpha1_StartRunRequest__Output>
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

