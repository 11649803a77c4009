// Original file: proto/flotilla/v1alpha1/clustervariable.proto

import type { ClusterVariable as _flotilla_v1alpha1_ClusterVariable, ClusterVariable__Output as _flotilla_v1alpha1_ClusterVariable__Output } from '../../flotilla/v1alpha1/ClusterVariable.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyClusterVariableResponse {
  'object'?: (_flotilla_v1alpha1_ClusterVariable | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyClusterVariableResponse__Output {
  'object': (_flotilla_v1alpha1_ClusterVariable__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
