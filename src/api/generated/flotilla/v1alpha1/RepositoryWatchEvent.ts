// Original file: proto/flotilla/v1alpha1/repository.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { Repository as _flotilla_v1alpha1_Repository, Repository__Output as _flotilla_v1alpha1_Repository__Output } from '../../flotilla/v1alpha1/Repository.js';

export interface RepositoryWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_Repository | null);
  'resource_version'?: (string);
}

export interface RepositoryWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_Repository__Output | null);
  'resource_version': (string);
}
