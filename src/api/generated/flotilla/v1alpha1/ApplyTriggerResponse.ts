// Original file: proto/flotilla/v1alpha1/trigger.proto

import type { Trigger as _flotilla_v1alpha1_Trigger, Trigger__Output as _flotilla_v1alpha1_Trigger__Output } from '../../flotilla/v1alpha1/Trigger.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyTriggerResponse {
  'object'?: (_flotilla_v1alpha1_Trigger | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyTriggerResponse__Output {
  'object': (_flotilla_v1alpha1_Trigger__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
