// Original file: proto/flotilla/v1alpha1/variable.proto

import type { Variable as _flotilla_v1alpha1_Variable, Variable__Output as _flotilla_v1alpha1_Variable__Output } from '../../flotilla/v1alpha1/Variable.js';

export interface VariableList {
  'items'?: (_flotilla_v1alpha1_Variable)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface VariableList__Output {
  'items': (_flotilla_v1alpha1_Variable__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
