// Original file: proto/flotilla/v1alpha1/node.proto

import type { Node as _flotilla_v1alpha1_Node, Node__Output as _flotilla_v1alpha1_Node__Output } from '../../flotilla/v1alpha1/Node.js';

export interface ApplyNodeRequest {
  'object'?: (_flotilla_v1alpha1_Node | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyNodeRequest__Output {
  'object': (_flotilla_v1alpha1_Node__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
