// Original file: proto/flotilla/v1alpha1/cluster.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ClusterInfo as _flotilla_v1alpha1_ClusterInfo, ClusterInfo__Output as _flotilla_v1alpha1_ClusterInfo__Output } from '../../flotilla/v1alpha1/ClusterInfo.js';
import type { ClusterInfoRequest as _flotilla_v1alpha1_ClusterInfoRequest, ClusterInfoRequest__Output as _flotilla_v1alpha1_ClusterInfoRequest__Output } from '../../flotilla/v1alpha1/ClusterInfoRequest.js';

export interface ClusterServiceClient extends grpc.Client {
  Info(argument: _flotilla_v1alpha1_ClusterInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterInfo__Output>): grpc.ClientUnaryCall;
  Info(argument: _flotilla_v1alpha1_ClusterInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterInfo__Output>): grpc.ClientUnaryCall;
  Info(argument: _flotilla_v1alpha1_ClusterInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterInfo__Output>): grpc.ClientUnaryCall;
  Info(argument: _flotilla_v1alpha1_ClusterInfoRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterInfo__Output>): grpc.ClientUnaryCall;
  info(argument: _flotilla_v1alpha1_ClusterInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterInfo__Output>): grpc.ClientUnaryCall;
  info(argument: _flotilla_v1alpha1_ClusterInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterInfo__Output>): grpc.ClientUnaryCall;
  info(argument: _flotilla_v1alpha1_ClusterInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterInfo__Output>): grpc.ClientUnaryCall;
  info(argument: _flotilla_v1alpha1_ClusterInfoRequest, callback: grpc.requestCallback<_flotilla_v1alpha1_ClusterInfo__Output>): grpc.ClientUnaryCall;
  
}

export interface ClusterServiceHandlers extends grpc.UntypedServiceImplementation {
  Info: grpc.handleUnaryCall<_flotilla_v1alpha1_ClusterInfoRequest__Output, _flotilla_v1alpha1_ClusterInfo>;
  
}

export interface ClusterServiceDefinition extends grpc.ServiceDefinition {
  Info: MethodDefinition<_flotilla_v1alpha1_ClusterInfoRequest, _flotilla_v1alpha1_ClusterInfo, _flotilla_v1alpha1_ClusterInfoRequest__Output, _flotilla_v1alpha1_ClusterInfo__Output>
}
