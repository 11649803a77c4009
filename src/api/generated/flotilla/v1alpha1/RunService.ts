// Original file: proto/flotilla/v1alpha1/run.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyRunRequest as _flotilla_v1alpha1_ApplyRunRequest, ApplyRunRequest__Output as _flotilla_v1alpha1_ApplyRunRequest__Output } from '../../flotilla/v1alpha1/ApplyRunRequest.js';
import type { ApplyRunResponse as _flotilla_v1alpha1_ApplyRunResponse, ApplyRunResponse__Output as _flotilla_v1alpha1_ApplyRunResponse__Output } from '../../flotilla/v1alpha1/ApplyRunResponse.js';
import type { CancelRunRequest as _flotilla_v1alpha1_CancelRunRequest, CancelRunRequest__Output as _flotilla_v1alpha1_CancelRunRequest__Output } from '../../flotilla/v1alpha1/CancelRunRequest.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from '../../flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from '../../flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from '../../flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from '../../flotilla/v1alpha1/ListRequest.js';
import type { Run as _flotilla_v1alpha1_Run, Run__Output as _flotilla_v1alpha1_Run__Output } from '../../flotilla/v1alpha1/Run.js';
import type { RunList as _flotilla_v1alpha1_RunList, RunList__Output as _flotilla_v1alpha1_RunList__Output } from '../../flotilla/v1alpha1/RunList.js';
import type { RunLogs as _flotilla_v1alpha1_RunLogs, RunLogs__Output as _flotilla_v1alpha1_RunLogs__Output } from '../../flotilla/v1alpha1/RunLogs.js';
import type { RunLogsRequest as _flotilla_v1alpha1_RunLogsRequest, RunLogsRequest__Output as _flotilla_v1alpha1_RunLogsRequest__Output } from '../../flotilla/v1alpha1/RunLogsRequest.js';
import type { RunWatchEvent as _flotilla_v1alpha1_RunWatchEvent, RunWatchEvent__Output as _flotilla_v1alpha1_RunWatchEvent__Output } from '../../flotilla/v1alpha1/RunWatchEvent.js';
import type { StartRunRequest as _flotilla_v1alpha1_StartRunRequest, StartRunRequest__Output as _flotilla_v1alpha1_StartRunRequest__Output } from '../../flotilla/v1alpha1/StartRunRequest.js';
import type { WatchRequest as _flotilla_v1alpha1_WatchRequest, WatchRequest__Output as _flotilla_v1alpha1_WatchRequest__Output } from '../../flotilla/v1alpha1/WatchRequest.js';

export interface RunServiceClient extends grpc.Client {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply(argument: _flotilla_v1alpha1_ApplyRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRunResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRunResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRunResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyRunRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRunResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  apply(argument: _flotilla_v1alpha1_ApplyRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRunResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRunResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRunResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyRunRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRunResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Asks a run to stop: nodes abort the step in hand.
   */
  Cancel(argument: _flotilla_v1alpha1_CancelRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  Cancel(argument: _flotilla_v1alpha1_CancelRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  Cancel(argument: _flotilla_v1alpha1_CancelRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  Cancel(argument: _flotilla_v1alpha1_CancelRunRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  /**
   * Asks a run to stop: nodes abort the step in hand.
   */
  cancel(argument: _flotilla_v1alpha1_CancelRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  cancel(argument: _flotilla_v1alpha1_CancelRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  cancel(argument: _flotilla_v1alpha1_CancelRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  cancel(argument: _flotilla_v1alpha1_CancelRunRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RunList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_RunList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RunList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_RunList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RunList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_RunList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RunList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_RunList__Output>): grpc.ClientUnaryCall;
  
  /**
   * What each node did, step by step (output tails and diffs).
   */
  Logs(argument: _flotilla_v1alpha1_RunLogsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RunLogs__Output>): grpc.ClientUnaryCall;
  Logs(argument: _flotilla_v1alpha1_RunLogsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_RunLogs__Output>): grpc.ClientUnaryCall;
  Logs(argument: _flotilla_v1alpha1_RunLogsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RunLogs__Output>): grpc.ClientUnaryCall;
  Logs(argument: _flotilla_v1alpha1_RunLogsRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_RunLogs__Output>): grpc.ClientUnaryCall;
  /**
   * What each node did, step by step (output tails and diffs).
   */
  logs(argument: _flotilla_v1alpha1_RunLogsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RunLogs__Output>): grpc.ClientUnaryCall;
  logs(argument: _flotilla_v1alpha1_RunLogsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_RunLogs__Output>): grpc.ClientUnaryCall;
  logs(argument: _flotilla_v1alpha1_RunLogsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RunLogs__Output>): grpc.ClientUnaryCall;
  logs(argument: _flotilla_v1alpha1_RunLogsRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_RunLogs__Output>): grpc.ClientUnaryCall;
  
  /**
   * Starts a run of a TaskBook: creates the Run, which the leader then plans.
   */
  Start(argument: _flotilla_v1alpha1_StartRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  Start(argument: _flotilla_v1alpha1_StartRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  Start(argument: _flotilla_v1alpha1_StartRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  Start(argument: _flotilla_v1alpha1_StartRunRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  /**
   * Starts a run of a TaskBook: creates the Run, which the leader then plans.
   */
  start(argument: _flotilla_v1alpha1_StartRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  start(argument: _flotilla_v1alpha1_StartRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  start(argument: _flotilla_v1alpha1_StartRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  start(argument: _flotilla_v1alpha1_StartRunRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Run__Output>): grpc.ClientUnaryCall;
  
  Watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_RunWatchEvent__Output>;
  Watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_RunWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_RunWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_RunWatchEvent__Output>;
  
}

export interface RunServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply: grpc.handleUnaryCall<_flotilla_v1alpha1_ApplyRunRequest__Output, _flotilla_v1alpha1_ApplyRunResponse>;
  
  /**
   * Asks a run to stop: nodes abort the step in hand.
   */
  Cancel: grpc.handleUnaryCall<_flotilla_v1alpha1_CancelRunRequest__Output, _flotilla_v1alpha1_Run>;
  
  Delete: grpc.handleUnaryCall<_flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse>;
  
  Get: grpc.handleUnaryCall<_flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_Run>;
  
  List: grpc.handleUnaryCall<_flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_RunList>;
  
  /**
   * What each node did, step by step (output tails and diffs).
   */
  Logs: grpc.handleUnaryCall<_flotilla_v1alpha1_RunLogsRequest__Output, _flotilla_v1alpha1_RunLogs>;
  
  /**
   * Starts a run of a TaskBook: creates the Run, which the leader then plans.
   */
  Start: grpc.handleUnaryCall<_flotilla_v1alpha1_StartRunRequest__Output, _flotilla_v1alpha1_Run>;
  
  Watch: grpc.handleServerStreamingCall<_flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_RunWatchEvent>;
  
}

export interface RunServiceDefinition extends grpc.ServiceDefinition {
  Apply: MethodDefinition<_flotilla_v1alpha1_ApplyRunRequest, _flotilla_v1alpha1_ApplyRunResponse, _flotilla_v1alpha1_ApplyRunRequest__Output, _flotilla_v1alpha1_ApplyRunResponse__Output>
  Cancel: MethodDefinition<_flotilla_v1alpha1_CancelRunRequest, _flotilla_v1alpha1_Run, _flotilla_v1alpha1_CancelRunRequest__Output, _flotilla_v1alpha1_Run__Output>
  Delete: MethodDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse__Output>
  Get: MethodDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_Run, _flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_Run__Output>
  List: MethodDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_RunList, _flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_RunList__Output>
  Logs: MethodDefinition<_flotilla_v1alpha1_RunLogsRequest, _flotilla_v1alpha1_RunLogs, _flotilla_v1alpha1_RunLogsRequest__Output, _flotilla_v1alpha1_RunLogs__Output>
  Start: MethodDefinition<_flotilla_v1alpha1_StartRunRequest, _flotilla_v1alpha1_Run, _flotilla_v1alpha1_StartRunRequest__Output, _flotilla_v1alpha1_Run__Output>
  Watch: MethodDefinition<_flotilla_v1alpha1_WatchRequest, _flotilla_v1alpha1_RunWatchEvent, _flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_RunWatchEvent__Output>
}
