// Original file: proto/flotilla/v1alpha1/run.proto

import type { Run as _flotilla_v1alpha1_Run, Run__Output as _flotilla_v1alpha1_Run__Output } from '../../flotilla/v1alpha1/Run.js';

export interface ApplyRunRequest {
  'object'?: (_flotilla_v1alpha1_Run | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyRunRequest__Output {
  'object': (_flotilla_v1alpha1_Run__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
