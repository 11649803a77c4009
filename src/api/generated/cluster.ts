import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClusterInfo as _flotilla_v1alpha1_ClusterInfo, ClusterInfo__Output as _flotilla_v1alpha1_ClusterInfo__Output } from './flotilla/v1alpha1/ClusterInfo.js';
import type { ClusterInfoRequest as _flotilla_v1alpha1_ClusterInfoRequest, ClusterInfoRequest__Output as _flotilla_v1alpha1_ClusterInfoRequest__Output } from './flotilla/v1alpha1/ClusterInfoRequest.js';
import type { ClusterServiceClient as _flotilla_v1alpha1_ClusterServiceClient, ClusterServiceDefinition as _flotilla_v1alpha1_ClusterServiceDefinition } from './flotilla/v1alpha1/ClusterService.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  flotilla: {
    v1alpha1: {
      ClusterInfo: MessageTypeDefinition<_flotilla_v1alpha1_ClusterInfo, _flotilla_v1alpha1_ClusterInfo__Output>
      ClusterInfoRequest: MessageTypeDefinition<_flotilla_v1alpha1_ClusterInfoRequest, _flotilla_v1alpha1_ClusterInfoRequest__Output>
      ClusterService: SubtypeConstructor<typeof grpc.Client, _flotilla_v1alpha1_ClusterServiceClient> & { service: _flotilla_v1alpha1_ClusterServiceDefinition }
    }
  }
}

