// Original file: proto/flotilla/v1alpha1/nodegroup.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyNodeGroupRequest as _flotilla_v1alpha1_ApplyNodeGroupRequest, ApplyNodeGroupRequest__Output as _flotilla_v1alpha1_ApplyNodeGroupRequest__Output } from '../../flotilla/v1alpha1/ApplyNodeGroupRequest.js';
import type { ApplyNodeGroupResponse as _flotilla_v1alpha1_ApplyNodeGroupResponse, ApplyNodeGroupResponse__Output as _flotilla_v1alpha1_ApplyNodeGroupResponse__Output } from '../../flotilla/v1alpha1/ApplyNodeGroupResponse.js';
import type { DeleteRequest as _flotilla_v1alpha1_DeleteRequest, DeleteRequest__Output as _flotilla_v1alpha1_DeleteRequest__Output } from '../../flotilla/v1alpha1/DeleteRequest.js';
import type { DeleteResponse as _flotilla_v1alpha1_DeleteResponse, DeleteResponse__Output as _flotilla_v1alpha1_DeleteResponse__Output } from '../../flotilla/v1alpha1/DeleteResponse.js';
import type { GetRequest as _flotilla_v1alpha1_GetRequest, GetRequest__Output as _flotilla_v1alpha1_GetRequest__Output } from '../../flotilla/v1alpha1/GetRequest.js';
import type { ListRequest as _flotilla_v1alpha1_ListRequest, ListRequest__Output as _flotilla_v1alpha1_ListRequest__Output } from '../../flotilla/v1alpha1/ListRequest.js';
import type { NodeGroup as _flotilla_v1alpha1_NodeGroup, NodeGroup__Output as _flotilla_v1alpha1_NodeGroup__Output } from '../../flotilla/v1alpha1/NodeGroup.js';
import type { NodeGroupList as _flotilla_v1alpha1_NodeGroupList, NodeGroupList__Output as _flotilla_v1alpha1_NodeGroupList__Output } from '../../flotilla/v1alpha1/NodeGroupList.js';
import type { NodeGroupWatchEvent as _flotilla_v1alpha1_NodeGroupWatchEvent, NodeGroupWatchEvent__Output as _flotilla_v1alpha1_NodeGroupWatchEvent__Output } from '../../flotilla/v1alpha1/NodeGroupWatchEvent.js';
import type { WatchRequest as _flotilla_v1alpha1_WatchRequest, WatchRequest__Output as _flotilla_v1alpha1_WatchRequest__Output } from '../../flotilla/v1alpha1/WatchRequest.js';

export interface NodeGroupServiceClient extends grpc.Client {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply(argument: _flotilla_v1alpha1_ApplyNodeGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyNodeGroupResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyNodeGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyNodeGroupResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyNodeGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyNodeGroupResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _flotilla_v1alpha1_ApplyNodeGroupRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyNodeGroupResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  apply(argument: _flotilla_v1alpha1_ApplyNodeGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyNodeGroupResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyNodeGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyNodeGroupResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyNodeGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyNodeGroupResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _flotilla_v1alpha1_ApplyNodeGroupRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ApplyNodeGroupResponse__Output>): grpc.ClientUnaryCall;
  
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _flotilla_v1alpha1_DeleteRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroup__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroup__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroup__Output>): grpc.ClientUnaryCall;
  Get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroup__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroup__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroup__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroup__Output>): grpc.ClientUnaryCall;
  get(argument: _flotilla_v1alpha1_GetRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroup__Output>): grpc.ClientUnaryCall;
  
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroupList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroupList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroupList__Output>): grpc.ClientUnaryCall;
  List(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroupList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroupList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroupList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroupList__Output>): grpc.ClientUnaryCall;
  list(argument: _flotilla_v1alpha1_ListRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_NodeGroupList__Output>): grpc.ClientUnaryCall;
  
  Watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_NodeGroupWatchEvent__Output>;
  Watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_NodeGroupWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_NodeGroupWatchEvent__Output>;
  watch(argument: _flotilla_v1alpha1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_flotilla_v1alpha1_NodeGroupWatchEvent__Output>;
  
}

export interface NodeGroupServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates or updates; "unchanged" when spec, labels and annotations already match.
   */
  Apply: grpc.handleUnaryCall<_flotilla_v1alpha1_ApplyNodeGroupRequest__Output, _flotilla_v1alpha1_ApplyNodeGroupResponse>;
  
  Delete: grpc.handleUnaryCall<_flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse>;
  
  Get: grpc.handleUnaryCall<_flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_NodeGroup>;
  
  List: grpc.handleUnaryCall<_flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_NodeGroupList>;
  
  Watch: grpc.handleServerStreamingCall<_flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_NodeGroupWatchEvent>;
  
}

export interface NodeGroupServiceDefinition extends grpc.ServiceDefinition {
  Apply: MethodDefinition<_flotilla_v1alpha1_ApplyNodeGroupRequest, _flotilla_v1alpha1_ApplyNodeGroupResponse, _flotilla_v1alpha1_ApplyNodeGroupRequest__Output, _flotilla_v1alpha1_ApplyNodeGroupResponse__Output>
  Delete: MethodDefinition<_flotilla_v1alpha1_DeleteRequest, _flotilla_v1alpha1_DeleteResponse, _flotilla_v1alpha1_DeleteRequest__Output, _flotilla_v1alpha1_DeleteResponse__Output>
  Get: MethodDefinition<_flotilla_v1alpha1_GetRequest, _flotilla_v1alpha1_NodeGroup, _flotilla_v1alpha1_GetRequest__Output, _flotilla_v1alpha1_NodeGroup__Output>
  List: MethodDefinition<_flotilla_v1alpha1_ListRequest, _flotilla_v1alpha1_NodeGroupList, _flotilla_v1alpha1_ListRequest__Output, _flotilla_v1alpha1_NodeGroupList__Output>
  Watch: MethodDefinition<_flotilla_v1alpha1_WatchRequest, _flotilla_v1alpha1_NodeGroupWatchEvent, _flotilla_v1alpha1_WatchRequest__Output, _flotilla_v1alpha1_NodeGroupWatchEvent__Output>
}
