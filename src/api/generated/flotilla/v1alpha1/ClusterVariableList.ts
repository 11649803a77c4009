// Original file: proto/flotilla/v1alpha1/clustervariable.proto

import type { ClusterVariable as _flotilla_v1alpha1_ClusterVariable, ClusterVariable__Output as _flotilla_v1alpha1_ClusterVariable__Output } from '../../flotilla/v1alpha1/ClusterVariable.js';

export interface ClusterVariableList {
  'items'?: (_flotilla_v1alpha1_ClusterVariable)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface ClusterVariableList__Output {
  'items': (_flotilla_v1alpha1_ClusterVariable__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
