// Original file: proto/flotilla/v1alpha1/clustervariable.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { ClusterVariable as _flotilla_v1alpha1_ClusterVariable, ClusterVariable__Output as _flotilla_v1alpha1_ClusterVariable__Output } from '../../flotilla/v1alpha1/ClusterVariable.js';

export interface ClusterVariableWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_ClusterVariable | null);
  'resource_version'?: (string);
}

export interface ClusterVariableWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_ClusterVariable__Output | null);
  'resource_version': (string);
}
