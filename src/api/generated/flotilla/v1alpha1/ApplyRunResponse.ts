// Original file: proto/flotilla/v1alpha1/run.proto

import type { Run as _flotilla_v1alpha1_Run, Run__Output as _flotilla_v1alpha1_Run__Output } from '../../flotilla/v1alpha1/Run.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyRunResponse {
  'object'?: (_flotilla_v1alpha1_Run | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyRunResponse__Output {
  'object': (_flotilla_v1alpha1_Run__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
