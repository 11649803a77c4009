// Original file: proto/flotilla/v1alpha1/clustervariablebinding.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyClusterVariableBindingRequest as _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, ApplyClusterVariableBindingRequest__Output as _flotilla_v1alpha1_ApplyClusterVariableBindingRequest__Output } from '../../flotilla/v1alpha1/ApplyClusterVariableBindingRequest.js';
import type { ApplyClusterVariableBindingResponse as _flotilla_v1alpha1_ApplyClusterVariableBindingResponse, ApplyClusterVariableBindingResponse__Output as _flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output } from '../../flotilla/v1alpha1/ApplyClusterVariableBindingResponse.js';
import type { ClusterVariableBinding as _flotilla_v1alpha1_ClusterVariableBinding, ClusterVariableBinding__Output as _flotilla_v1alpha1_ClusterVariableBinding__Output } from '../../flotilla/v1alpha1/ClusterVariableBinding.js';
import type { ClusterVariableBindingList as _flotilla_v1alpha1_ClusterVariableBindingList, ClusterVariableBindingList__Output as _flotilla_v1alpha1_ClusterVariableBindingList__Output } from '../../flotilla/v1alpha1/ClusterVariableBindingList.js';
import type { ClusterVariableBindingWatchEvent as _flotilla_v1alpha1_ClusterVariableBindingWatchEvent, ClusterVariableBindingWatchEvent__Output as _flotilla_v1alpha1_ClusterVariableBindingWatchEvent__Output } from '../../flotilla/v1alpha1/ClusterVariableBindingWatchEvent.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from '../../flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from '../../flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from '../../flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from '../../flotilla/v1alpha1/ListRequest.js';
import type { WatchRequest as _flotilla_v1alpha1_WatchRequest, WatchRequest__Output as _flotilla_v1alpha1_WatchRequest__Output } from '../../flotilla/v1alpha1/WatchRequest.js';

export interface ClusterVariableBindingServiceClient extends grpc.Client {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply(argument: _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  apply(argument: _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyClusterVariableBindingRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>): grpc.ClientUnaryCall;
  
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBinding__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBinding__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBinding__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBinding__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBinding__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBinding__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBinding__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBinding__Output>): grpc.ClientUnaryCall;
  
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBindingList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBindingList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBindingList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBindingList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBindingList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBindingList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBindingList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterVariableBindingList__Output>): grpc.ClientUnaryCall;
  
  Watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_ClusterVariableBindingWatchEvent__Output>;
  Watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_ClusterVariableBindingWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_ClusterVariableBindingWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_ClusterVariableBindingWatchEvent__Output>;
  
}

export interface ClusterVariableBindingServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply: grpc.handleUnaryCall<_flotilla_v1alpha1_ApplyClusterVariableBindingRequest__Output, _flotilla_v1alpha1_ApplyClusterVariableBindingResponse>;
  
  Delete: grpc.handleUnaryCall<_flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse>;
  
  Get: grpc.handleUnaryCall<_flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_ClusterVariableBinding>;
  
  List: grpc.handleUnaryCall<_flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_ClusterVariableBindingList>;
  
  Watch: grpc.handleServerStreamingCall<_flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_ClusterVariableBindingWatchEvent>;
  
}

export interface ClusterVariableBindingServiceDefinition extends grpc.ServiceDefinition {
  Apply: MethodDefinition<_flotilla_v1alpha1_ApplyClusterVariableBindingRequest, _flotilla_v1alpha1_ApplyClusterVariableBindingResponse, _flotilla_v1alpha1_ApplyClusterVariableBindingRequest__Output, _flotilla_v1alpha1_ApplyClusterVariableBindingResponse__Output>
  Delete: MethodDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse__Output>
  Get: MethodDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_ClusterVariableBinding, _flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_ClusterVariableBinding__Output>
  List: MethodDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_ClusterVariableBindingList, _flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_ClusterVariableBindingList__Output>
  Watch: MethodDefinition<_flotilla_v1alpha1_WatchRequest, _flotilla_v1alpha1_ClusterVariableBindingWatchEvent, _flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_ClusterVariableBindingWatchEvent__Output>
}
