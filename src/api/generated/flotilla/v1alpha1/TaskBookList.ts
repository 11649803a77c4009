// Original file: proto/flotilla/v1alpha1/taskbook.proto

import type { TaskBook as _flotilla_v1alpha1_TaskBook, TaskBook__Output as _flotilla_v1alpha1_TaskBook__Output } from '../../flotilla/v1alpha1/TaskBook.js';

export interface TaskBookList {
  'items'?: (_flotilla_v1alpha1_TaskBook)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface TaskBookList__Output {
  'items': (_flotilla_v1alpha1_TaskBook__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
