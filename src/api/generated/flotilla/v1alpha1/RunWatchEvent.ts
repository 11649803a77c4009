// Original file: proto/flotilla/v1alpha1/run.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Run as _flotilla_v1alpha1_Run, Run__Output as _flotilla_v1alpha1_Run__Output } from '../../flotilla/v1alpha1/Run.js';

export interface RunWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Run | null);
  'resource_version'?: (string);
}

export interface RunWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Run__Output | null);
  'resource_version': (string);
}
