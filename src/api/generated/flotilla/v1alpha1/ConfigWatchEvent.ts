// Original file: proto/flotilla/v1alpha1/config.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Config as _flotilla_v1alpha1_Config, Config__Output as _flotilla_v1alpha1_Config__Output } from '../../flotilla/v1alpha1/Config.js';

export interface ConfigWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Config | null);
  'resource_version'?: (string);
}

export interface ConfigWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Config__Output | null);
  'resource_version': (string);
}
