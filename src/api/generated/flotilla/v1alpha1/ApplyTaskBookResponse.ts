// Original file: proto/flotilla/v1alpha1/taskbook.proto

import type { TaskBook as _flotilla_v1alpha1_TaskBook, TaskBook__Output as _flotilla_v1alpha1_TaskBook__Output } from '../../flotilla/v1alpha1/TaskBook.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyTaskBookResponse {
  'object'?: (_flotilla_v1alpha1_TaskBook | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyTaskBookResponse__Output {
  'object': (_flotilla_v1alpha1_TaskBook__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
