// Original file: proto/flotilla/v1alpha1/taskbook.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { TaskBook as _flotilla_v1alpha1_TaskBook, TaskBook__Output as _flotilla_v1alpha1_TaskBook__Output } from '../../flotilla/v1alpha1/TaskBook.js';

export interface TaskBookWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_TaskBook | null);
  'resource_version'?: (string);
}

export interface TaskBookWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_TaskBook__Output | null);
  'resource_version': (string);
}
