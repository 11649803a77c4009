// Original file: proto/flotilla/v1alpha1/variable.proto

import type { Variable as _flotilla_v1alpha1_Variable, Variable__Output as _flotilla_v1alpha1_Variable__Output } from '../../flotilla/v1alpha1/Variable.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyVariableResponse {
  'object'?: (_flotilla_v1alpha1_Variable | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyVariableResponse__Output {
  'object': (_flotilla_v1alpha1_Variable__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
