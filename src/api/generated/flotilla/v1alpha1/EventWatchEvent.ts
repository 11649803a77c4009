// Original file: proto/flotilla/v1alpha1/event.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Event as _flotilla_v1alpha1_Event, Event__Output as _flotilla_v1alpha1_Event__Output } from '../../flotilla/v1alpha1/Event.js';

export interface EventWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Event | null);
  'resource_version'?: (string);
}

export interface EventWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Event__Output | null);
  'resource_version': (string);
}
