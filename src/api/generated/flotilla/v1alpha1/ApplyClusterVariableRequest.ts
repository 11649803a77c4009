// Original file: proto/flotilla/v1alpha1/clustervariable.proto

import type { ClusterVariable as _flotilla_v1alpha1_ClusterVariable, ClusterVariable__Output as _flotilla_v1alpha1_ClusterVariable__Output } from '../../flotilla/v1alpha1/ClusterVariable.js';

export interface ApplyClusterVariableRequest {
  'object'?: (_flotilla_v1alpha1_ClusterVariable | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyClusterVariableRequest__Output {
  'object': (_flotilla_v1alpha1_ClusterVariable__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
