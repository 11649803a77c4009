// Original file: proto/flotilla/v1alpha1/clustervariablebinding.proto

import type { ClusterVariableBinding as _flotilla_v1alpha1_ClusterVariableBinding, ClusterVariableBinding__Output as _flotilla_v1alpha1_ClusterVariableBinding__Output } from '../../flotilla/v1alpha1/ClusterVariableBinding.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyClusterVariableBindingResponse {
  'object'?: (_flotilla_v1alpha1_ClusterVariableBinding | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyClusterVariableBindingResponse__Output {
  'object': (_flotilla_v1alpha1_ClusterVariableBinding__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
