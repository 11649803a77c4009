// Original file: proto/flotilla/v1alpha1/nodegroup.proto

import type { NodeGroup as _flotilla_v1alpha1_NodeGroup, NodeGroup__Output as _flotilla_v1alpha1_NodeGroup__Output } from '../../flotilla/v1alpha1/NodeGroup.js';

export interface NodeGroupList {
  'items'?: (_flotilla_v1alpha1_NodeGroup)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface NodeGroupList__Output {
  'items': (_flotilla_v1alpha1_NodeGroup__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
