// Original file: proto/flotilla/v1alpha1/config.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyConfigRequest as _flotilla_v1alpha1_ApplyConfigRequest, ApplyConfigRequest__Output as _flotilla_v1alpha1_ApplyConfigRequest__Output } from '../../flotilla/v1alpha1/ApplyConfigRequest.js';
import type { ApplyConfigResponse as _flotilla_v1alpha1_ApplyConfigResponse, ApplyConfigResponse__Output as _flotilla_v1alpha1_ApplyConfigResponse__Output } from '../../flotilla/v1alpha1/ApplyConfigResponse.js';
import type { Config as _flotilla_v1alpha1_Config, Config__Output as _flotilla_v1alpha1_Config__Output } from '../../flotilla/v1alpha1/Config.js';
import type { ConfigList as _flotilla_v1alpha1_ConfigList, ConfigList__Output as _flotilla_v1alpha1_ConfigList__Output } from '../../flotilla/v1alpha1/ConfigList.js';
import type { ConfigWatchEvent as _flotilla_v1alpha1_ConfigWatchEvent, ConfigWatchEvent__Output as _flotilla_v1alpha1_ConfigWatchEvent__Output } from '../../flotilla/v1alpha1/ConfigWatchEvent.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from '../../flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from '../../flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from '../../flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from '../../flotilla/v1alpha1/ListRequest.js';
import type { WatchRequest as _flotilla_v1alpha1_WatchRequest, WatchRequest__Output as _flotilla_v1alpha1_WatchRequest__Output } from '../../flotilla/v1alpha1/WatchRequest.js';

export interface ConfigServiceClient extends grpc.Client {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply(argument: _flotilla_v1alpha1_ApplyConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyConfigResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyConfigResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyConfigResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyConfigRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyConfigResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  apply(argument: _flotilla_v1alpha1_ApplyConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyConfigResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyConfigResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyConfigResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyConfigRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyConfigResponse__Output>): grpc.ClientUnaryCall;
  
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Config__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Config__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Config__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Config__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Config__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Config__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Config__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Config__Output>): grpc.ClientUnaryCall;
  
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ConfigList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ConfigList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ConfigList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ConfigList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ConfigList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ConfigList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ConfigList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ConfigList__Output>): grpc.ClientUnaryCall;
  
  Watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_ConfigWatchEvent__Output>;
  Watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_ConfigWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_ConfigWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_ConfigWatchEvent__Output>;
  
}

export interface ConfigServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply: grpc.handleUnaryCall<_flotilla_v1alpha1_ApplyConfigRequest__Output, _flotilla_v1alpha1_ApplyConfigResponse>;
  
  Delete: grpc.handleUnaryCall<_flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse>;
  
  Get: grpc.handleUnaryCall<_flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_Config>;
  
  List: grpc.handleUnaryCall<_flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_ConfigList>;
  
  Watch: grpc.handleServerStreamingCall<_flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_ConfigWatchEvent>;
  
}

export interface ConfigServiceDefinition extends grpc.ServiceDefinition {
  Apply: MethodDefinition<_flotilla_v1alpha1_ApplyConfigRequest, _flotilla_v1alpha1_ApplyConfigResponse, _flotilla_v1alpha1_ApplyConfigRequest__Output, _flotilla_v1alpha1_ApplyConfigResponse__Output>
  Delete: MethodDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse__Output>
  Get: MethodDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_Config, _flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_Config__Output>
  List: MethodDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ConfigList, _flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_ConfigList__Output>
  Watch: MethodDefinition<_flotilla_v1alpha1_WatchRequest, _flotilla_v1alpha1_ConfigWatchEvent, _flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_ConfigWatchEvent__Output>
}
