// Original file: proto/flotilla/v1alpha1/node.proto

import type { Node as _flotilla_v1alpha1_Node, Node__Output as _flotilla_v1alpha1_Node__Output } from '../../flotilla/v1alpha1/Node.js';

export interface NodeList {
  'items'?: (_flotilla_v1alpha1_Node)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface NodeList__Output {
  'items': (_flotilla_v1alpha1_Node__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
