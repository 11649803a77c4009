// Original file: proto/flotilla/v1alpha1/nodegroup.proto

import type { NodeGroup as _flotilla_v1alpha1_NodeGroup, NodeGroup__Output as _flotilla_v1alpha1_NodeGroup__Output } from '../../flotilla/v1alpha1/NodeGroup.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyNodeGroupResponse {
  'object'?: (_flotilla_v1alpha1_NodeGroup | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyNodeGroupResponse__Output {
  'object': (_flotilla_v1alpha1_NodeGroup__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
