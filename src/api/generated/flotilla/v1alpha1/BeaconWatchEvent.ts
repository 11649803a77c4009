// Original file: proto/flotilla/v1alpha1/beacon.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Beacon as _flotilla_v1alpha1_Beacon, Beacon__Output as _flotilla_v1alpha1_Beacon__Output } from '../../flotilla/v1alpha1/Beacon.js';

export interface BeaconWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Beacon | null);
  'resource_version'?: (string);
}

export interface BeaconWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Beacon__Output | null);
  'resource_version': (string);
}
