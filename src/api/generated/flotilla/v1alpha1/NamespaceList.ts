// Original file: proto/flotilla/v1alpha1/namespace.proto

import type { Namespace as _flotilla_v1alpha1_Namespace, Namespace__Output as _flotilla_v1alpha1_Namespace__Output } from '../../flotilla/v1alpha1/Namespace.js';

export interface NamespaceList {
  'items'?: (_flotilla_v1alpha1_Namespace)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface NamespaceList__Output {
  'items': (_flotilla_v1alpha1_Namespace__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
