// Original file: proto/flotilla/v1alpha1/namespace.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Namespace as _flotilla_v1alpha1_Namespace, Namespace__Output as _flotilla_v1alpha1_Namespace__Output } from '../../flotilla/v1alpha1/Namespace.js';

export interface NamespaceWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Namespace | null);
  'resource_version'?: (string);
}

export interface NamespaceWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Namespace__Output | null);
  'resource_version': (string);
}
