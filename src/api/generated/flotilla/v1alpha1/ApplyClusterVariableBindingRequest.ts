// Original file: proto/flotilla/v1alpha1/clustervariablebinding.proto

import type { ClusterVariableBinding as _flotilla_v1alpha1_ClusterVariableBinding, ClusterVariableBinding__Output as _flotilla_v1alpha1_ClusterVariableBinding__Output } from '../../flotilla/v1alpha1/ClusterVariableBinding.js';

export interface ApplyClusterVariableBindingRequest {
  'object'?: (_flotilla_v1alpha1_ClusterVariableBinding | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyClusterVariableBindingRequest__Output {
  'object': (_flotilla_v1alpha1_ClusterVariableBinding__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
