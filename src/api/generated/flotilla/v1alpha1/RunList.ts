// Original file: proto/flotilla/v1alpha1/run.proto

import type { Run as _flotilla_v1alpha1_Run, Run__Output as _flotilla_v1alpha1_Run__Output } from '../../flotilla/v1alpha1/Run.js';

export interface RunList {
  'items'?: (_flotilla_v1alpha1_Run)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface RunList__Output {
  'items': (_flotilla_v1alpha1_Run__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
