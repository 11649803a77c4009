// Original file: proto/flotilla/v1alpha1/cronjob.proto

import type { WatchEventType as _flotilla_v1alpha1_WatchEventType, WatchEventType__Output as _flotilla_v1alpha1_WatchEventType__Output } from '../../flotilla/v1alpha1/WatchEventType.js';
import type { CronJob as _flotilla_v1alpha1_CronJob, CronJob__Output as _flotilla_v1alpha1_CronJob__Output } from '../../flotilla/v1alpha1/CronJob.js';

export interface CronJobWatchEvent {
  'type'?: (_flotilla_v1alpha1_WatchEventType);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object'?: (_flotilla_v1alpha1_CronJob | null);
  'resource_version'?: (string);
}

export interface CronJobWatchEvent__Output {
  'type': (_flotilla_v1alpha1_WatchEventType__Output);
  /**
   * Absent for BOOKMARK and RESYNC; for DELETED, the last stored state.
   */
  'object': (_flotilla_v1alpha1_CronJob__Output | null);
  'resource_version': (string);
}
