// Original file: proto/flotilla/v1alpha1/trigger.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyTriggerRequest as _flotilla_v1alpha1_ApplyTriggerRequest, ApplyTriggerRequest__Output as _flotilla_v1alpha1_ApplyTriggerRequest__Output } from '../../flotilla/v1alpha1/ApplyTriggerRequest.js';
import type { ApplyTriggerResponse as _flotilla_v1alpha1_ApplyTriggerResponse, ApplyTriggerResponse__Output as _flotilla_v1alpha1_ApplyTriggerResponse__Output } from '../../flotilla/v1alpha1/ApplyTriggerResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from '../../flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from '../../flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from '../../flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from '../../flotilla/v1alpha1/ListRequest.js';
import type { Trigger as _flotilla_v1alpha1_Trigger, Trigger__Output as _flotilla_v1alpha1_Trigger__Output } from '../../flotilla/v1alpha1/Trigger.js';
import type { TriggerList as _flotilla_v1alpha1_TriggerList, TriggerList__Output as _flotilla_v1alpha1_TriggerList__Output } from '../../flotilla/v1alpha1/TriggerList.js';
import type { TriggerWatchEvent as _flotilla_v1alpha1_TriggerWatchEvent, TriggerWatchEvent__Output as _flotilla_v1alpha1_TriggerWatchEvent__Output } from '../../flotilla/v1alpha1/TriggerWatchEvent.js';
import type { WatchRequest as _flotilla_v1alpha1_WatchRequest, WatchRequest__Output as _flotilla_v1alpha1_WatchRequest__Output } from '../../flotilla/v1alpha1/WatchRequest.js';

export interface TriggerServiceClient extends grpc.Client {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply(argument: _flotilla_v1alpha1_ApplyTriggerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyTriggerResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyTriggerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyTriggerResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyTriggerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyTriggerResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyTriggerRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyTriggerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  apply(argument: _flotilla_v1alpha1_ApplyTriggerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyTriggerResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyTriggerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyTriggerResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyTriggerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyTriggerResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyTriggerRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyTriggerResponse__Output>): grpc.ClientUnaryCall;
  
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Trigger__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Trigger__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Trigger__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Trigger__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Trigger__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Trigger__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Trigger__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Trigger__Output>): grpc.ClientUnaryCall;
  
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_TriggerList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_TriggerList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_TriggerList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_TriggerList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_TriggerList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_TriggerList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_TriggerList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_TriggerList__Output>): grpc.ClientUnaryCall;
  
  Watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_TriggerWatchEvent__Output>;
  Watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_TriggerWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_TriggerWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_TriggerWatchEvent__Output>;
  
}

export interface TriggerServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply: grpc.handleUnaryCall<_flotilla_v1alpha1_ApplyTriggerRequest__Output, _flotilla_v1alpha1_ApplyTriggerResponse>;
  
  Delete: grpc.handleUnaryCall<_flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse>;
  
  Get: grpc.handleUnaryCall<_flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_Trigger>;
  
  List: grpc.handleUnaryCall<_flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_TriggerList>;
  
  Watch: grpc.handleServerStreamingCall<_flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_TriggerWatchEvent>;
  
}

export interface TriggerServiceDefinition extends grpc.ServiceDefinition {
  Apply: MethodDefinition<_flotilla_v1alpha1_ApplyTriggerRequest, _flotilla_v1alpha1_ApplyTriggerResponse, _flotilla_v1alpha1_ApplyTriggerRequest__Output, _flotilla_v1alpha1_ApplyTriggerResponse__Output>
  Delete: MethodDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse__Output>
  Get: MethodDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_Trigger, _flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_Trigger__Output>
  List: MethodDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_TriggerList, _flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_TriggerList__Output>
  Watch: MethodDefinition<_flotilla_v1alpha1_WatchRequest, _flotilla_v1alpha1_TriggerWatchEvent, _flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_TriggerWatchEvent__Output>
}
