// Original file: proto/flotilla/v1alpha1/repository.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyRepositoryRequest as _flotilla_v1alpha1_ApplyRepositoryRequest, ApplyRepositoryRequest__Output as _flotilla_v1alpha1_ApplyRepositoryRequest__Output } from '../../flotilla/v1alpha1/ApplyRepositoryRequest.js';
import type { ApplyRepositoryResponse as _flotilla_v1alpha1_ApplyRepositoryResponse, ApplyRepositoryResponse__Output as _flotilla_v1alpha1_ApplyRepositoryResponse__Output } from '../../flotilla/v1alpha1/ApplyRepositoryResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from '../../flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from '../../flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from '../../flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from '../../flotilla/v1alpha1/ListRequest.js';
import type { Repository as _flotilla_v1alpha1_Repository, Repository__Output as _flotilla_v1alpha1_Repository__Output } from '../../flotilla/v1alpha1/Repository.js';
import type { RepositoryList as _flotilla_v1alpha1_RepositoryList, RepositoryList__Output as _flotilla_v1alpha1_RepositoryList__Output } from '../../flotilla/v1alpha1/RepositoryList.js';
import type { RepositoryWatchEvent as _flotilla_v1alpha1_RepositoryWatchEvent, RepositoryWatchEvent__Output as _flotilla_v1alpha1_RepositoryWatchEvent__Output } from '../../flotilla/v1alpha1/RepositoryWatchEvent.js';
import type { WatchRequest as _flotilla_v1alpha1_WatchRequest, WatchRequest__Output as _flotilla_v1alpha1_WatchRequest__Output } from '../../flotilla/v1alpha1/WatchRequest.js';

export interface RepositoryServiceClient extends grpc.Client {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply(argument: _flotilla_v1alpha1_ApplyRepositoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRepositoryResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyRepositoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRepositoryResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyRepositoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRepositoryResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyRepositoryRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRepositoryResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  apply(argument: _flotilla_v1alpha1_ApplyRepositoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRepositoryResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyRepositoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRepositoryResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyRepositoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRepositoryResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyRepositoryRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyRepositoryResponse__Output>): grpc.ClientUnaryCall;
  
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Repository__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Repository__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Repository__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Repository__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Repository__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_Repository__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_Repository__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_Repository__Output>): grpc.ClientUnaryCall;
  
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RepositoryList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_RepositoryList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RepositoryList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_RepositoryList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RepositoryList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_RepositoryList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_RepositoryList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_RepositoryList__Output>): grpc.ClientUnaryCall;
  
  Watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_RepositoryWatchEvent__Output>;
  Watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_RepositoryWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_RepositoryWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_RepositoryWatchEvent__Output>;
  
}

export interface RepositoryServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply: grpc.handleUnaryCall<_flotilla_v1alpha1_ApplyRepositoryRequest__Output, _flotilla_v1alpha1_ApplyRepositoryResponse>;
  
  Delete: grpc.handleUnaryCall<_flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse>;
  
  Get: grpc.handleUnaryCall<_flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_Repository>;
  
  List: grpc.handleUnaryCall<_flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_RepositoryList>;
  
  Watch: grpc.handleServerStreamingCall<_flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_RepositoryWatchEvent>;
  
}

export interface RepositoryServiceDefinition extends grpc.ServiceDefinition {
  Apply: MethodDefinition<_flotilla_v1alpha1_ApplyRepositoryRequest, _flotilla_v1alpha1_ApplyRepositoryResponse, _flotilla_v1alpha1_ApplyRepositoryRequest__Output, _flotilla_v1alpha1_ApplyRepositoryResponse__Output>
  Delete: MethodDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse__Output>
  Get: MethodDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_Repository, _flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_Repository__Output>
  List: MethodDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_RepositoryList, _flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_RepositoryList__Output>
  Watch: MethodDefinition<_flotilla_v1alpha1_WatchRequest, _flotilla_v1alpha1_RepositoryWatchEvent, _flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_RepositoryWatchEvent__Output>
}
