// Original file: proto/flotilla/v1alpha1/secret.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Secret as _flotilla_v1alpha1_Secret, Secret__Output as _flotilla_v1alpha1_Secret__Output } from '../../flotilla/v1alpha1/Secret.js';

export interface SecretWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Secret | null);
  'resource_version'?: (string);
}

export interface SecretWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Secret__Output | null);
  'resource_version': (string);
}
