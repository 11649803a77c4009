// Original file: proto/flotilla/v1alpha1/clustervariablebinding.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { ClusterVariableBinding as _flotilla_v1alpha1_ClusterVariableBinding, ClusterVariableBinding__Output as _flotilla_v1alpha1_ClusterVariableBinding__Output } from '../../flotilla/v1alpha1/ClusterVariableBinding.js';

export interface ClusterVariableBindingWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_ClusterVariableBinding | null);
  'resource_version'?: (string);
}

export interface ClusterVariableBindingWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_ClusterVariableBinding__Output | null);
  'resource_version': (string);
}
