// Original file: proto/flotilla/v1alpha1/node.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Node as _flotilla_v1alpha1_Node, Node__Output as _flotilla_v1alpha1_Node__Output } from '../../flotilla/v1alpha1/Node.js';

export interface NodeWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Node | null);
  'resource_version'?: (string);
}

export interface NodeWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Node__Output | null);
  'resource_version': (string);
}
