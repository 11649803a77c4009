// Original file: proto/flotilla/v1alpha1/cronjob.proto

import type { CronJob as _flotilla_v1alpha1_CronJob, CronJob__Output as _flotilla_v1alpha1_CronJob__Output } from '../../flotilla/v1alpha1/CronJob.js';

export interface CronJobList {
  'items'?: (_flotilla_v1alpha1_CronJob)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface CronJobList__Output {
  'items': (_flotilla_v1alpha1_CronJob__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
