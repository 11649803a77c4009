// Original file: proto/flotilla/v1alpha1/taskbook.proto

import type { TaskBook as _flotilla_v1alpha1_TaskBook, TaskBook__Output as _flotilla_v1alpha1_TaskBook__Output } from '../../flotilla/v1alpha1/TaskBook.js';

export interface ApplyTaskBookRequest {
  'object'?: (_flotilla_v1alpha1_TaskBook | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyTaskBookRequest__Output {
  'object': (_flotilla_v1alpha1_TaskBook__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
