// Original file: proto/flotilla/v1alpha1/variable.proto

import type { Variable as _flotilla_v1alpha1_Variable, Variable__Output as _flotilla_v1alpha1_Variable__Output } from '../../flotilla/v1alpha1/Variable.js';

export interface ApplyVariableRequest {
  'object'?: (_flotilla_v1alpha1_Variable | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyVariableRequest__Output {
  'object': (_flotilla_v1alpha1_Variable__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
