// Original file: proto/flotilla/v1alpha1/event.proto

import type { Event as _flotilla_v1alpha1_Event, Event__Output as _flotilla_v1alpha1_Event__Output } from '../../flotilla/v1alpha1/Event.js';

export interface ApplyEventRequest {
  'object'?: (_flotilla_v1alpha1_Event | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyEventRequest__Output {
  'object': (_flotilla_v1alpha1_Event__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
