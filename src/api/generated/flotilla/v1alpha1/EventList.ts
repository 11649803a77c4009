// Original file: proto/flotilla/v1alpha1/event.proto

import type { Event as _flotilla_v1alpha1_Event, Event__Output as _flotilla_v1alpha1_Event__Output } from '../../flotilla/v1alpha1/Event.js';

export interface EventList {
  'items'?: (_flotilla_v1alpha1_Event)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface EventList__Output {
  'items': (_flotilla_v1alpha1_Event__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
