// Original file: proto/flotilla/v1alpha1/variable.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Variable as _flotilla_v1alpha1_Variable, Variable__Output as _flotilla_v1alpha1_Variable__Output } from '../../flotilla/v1alpha1/Variable.js';

export interface VariableWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Variable | null);
  'resource_version'?: (string);
}

export interface VariableWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Variable__Output | null);
  'resource_version': (string);
}
