// Original file: proto/flotilla/v1alpha1/clustervariablebinding.proto

import type { ClusterVariableBinding as _flotilla_v1alpha1_ClusterVariableBinding, ClusterVariableBinding__Output as _flotilla_v1alpha1_ClusterVariableBinding__Output } from '../../flotilla/v1alpha1/ClusterVariableBinding.js';

export interface ClusterVariableBindingList {
  'items'?: (_flotilla_v1alpha1_ClusterVariableBinding)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface ClusterVariableBindingList__Output {
  'items': (_flotilla_v1alpha1_ClusterVariableBinding__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
