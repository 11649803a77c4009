// Original file: proto/flotilla/v1alpha1/trigger.proto

import type { Trigger as _flotilla_v1alpha1_Trigger, Trigger__Output as _flotilla_v1alpha1_Trigger__Output } from '../../flotilla/v1alpha1/Trigger.js';

export interface ApplyTriggerRequest {
  'object'?: (_flotilla_v1alpha1_Trigger | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyTriggerRequest__Output {
  'object': (_flotilla_v1alpha1_Trigger__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
