// Original file: proto/flotilla/v1alpha1/event.proto

import type { Event as _flotilla_v1alpha1_Event, Event__Output as _flotilla_v1alpha1_Event__Output } from '../../flotilla/v1alpha1/Event.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyEventResponse {
  'object'?: (_flotilla_v1alpha1_Event | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyEventResponse__Output {
  'object': (_flotilla_v1alpha1_Event__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
