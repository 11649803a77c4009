import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CancelRunRequest as _flotilla_v1alpha1_CancelRunRequest, CancelRunRequest__Output as _flotilla_v1alpha1_CancelRunRequest__Output } from './flotilla/v1alpha1/CancelRunRequest.js';
import type { NodeRunLog as _flotilla_v1alpha1_NodeRunLog, NodeRunLog__Output as _flotilla_v1alpha1_NodeRunLog__Output } from './flotilla/v1alpha1/NodeRunLog.js';
import type { RunLogs as _flotilla_v1alpha1_RunLogs, RunLogs__Output as _flotilla_v1alpha1_RunLogs__Output } from './flotilla/v1alpha1/RunLogs.js';
import type { RunLogsRequest as _flotilla_v1alpha1_RunLogsRequest, RunLogsRequest__Output as _flotilla_v1alpha1_RunLogsRequest__Output } from './flotilla/v1alpha1/RunLogsRequest.js';
import type { StartRunRequest as _flotilla_v1alpha1_StartRunRequest, StartRunRequest__Output as _flotilla_v1alpha1_StartRunRequest__Output } from './flotilla/v1alpha1/StartRunRequest.js';
import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  flotilla: {
    v1alpha1: {
      CancelRunRequest: MessageTypeDefinition<_flotilla_v1alpha1_CancelRunRequest, _flotilla_v1alpha1_CancelRunRequest__Output>
      NodeRunLog: MessageTypeDefinition<_flotilla_v1alpha1_NodeRunLog, _flotilla_v1alpha1_NodeRunLog__Output>
      RunLogs: MessageTypeDefinition<_flotilla_v1alpha1_RunLogs, _flotilla_v1alpha1_RunLogs__Output>
      RunLogsRequest: MessageTypeDefinition<_flotilla_v1alpha1_RunLogsRequest, _flotilla_v1alpha1_RunLogsRequest__Output>
      StartRunRequest: MessageTypeDefinition<_flotilla_v1alpha1_StartRunRequest, _flotilla_v1alpha1_StartRunRequest__Output>
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

