// Original file: proto/flotilla/v1alpha1/nodegroup.proto

import type { NodeGroup as _flotilla_v1alpha1_NodeGroup, NodeGroup__Output as _flotilla_v1alpha1_NodeGroup__Output } from '../../flotilla/v1alpha1/NodeGroup.js';

export interface ApplyNodeGroupRequest {
  'object'?: (_flotilla_v1alpha1_NodeGroup | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyNodeGroupRequest__Output {
  'object': (_flotilla_v1alpha1_NodeGroup__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
