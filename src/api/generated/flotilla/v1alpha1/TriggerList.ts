// Original file: proto/flotilla/v1alpha1/trigger.proto

import type { Trigger as _flotilla_v1alpha1_Trigger, Trigger__Output as _flotilla_v1alpha1_Trigger__Output } from '../../flotilla/v1alpha1/Trigger.js';

export interface TriggerList {
  'items'?: (_flotilla_v1alpha1_Trigger)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface TriggerList__Output {
  'items': (_flotilla_v1alpha1_Trigger__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
