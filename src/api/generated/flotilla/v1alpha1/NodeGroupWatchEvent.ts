// Original file: proto/flotilla/v1alpha1/nodegroup.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { NodeGroup as _flotilla_v1alpha1_NodeGroup, NodeGroup__Output as _flotilla_v1alpha1_NodeGroup__Output } from '../../flotilla/v1alpha1/NodeGroup.js';

export interface NodeGroupWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_NodeGroup | null);
  'resource_version'?: (string);
}

export interface NodeGroupWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_NodeGroup__Output | null);
  'resource_version': (string);
}
