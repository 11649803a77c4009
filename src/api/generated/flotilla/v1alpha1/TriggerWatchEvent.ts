// Original file: proto/flotilla/v1alpha1/trigger.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Trigger as _flotilla_v1alpha1_Trigger, Trigger__Output as _flotilla_v1alpha1_Trigger__Output } from '../../flotilla/v1alpha1/Trigger.js';

export interface TriggerWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Trigger | null);
  'resource_version'?: (string);
}

export interface TriggerWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Trigger__Output | null);
  'resource_version': (string);
}
