// Original file: proto/flotilla/v1alpha1/cronjob.proto

import type { CronJob as _flotilla_v1alpha1_CronJob, CronJob__Output as _flotilla_v1alpha1_CronJob__Output } from '../../flotilla/v1alpha1/CronJob.js';

export interface ApplyCronJobRequest {
  'object'?: (_flotilla_v1alpha1_CronJob | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyCronJobRequest__Output {
  'object': (_flotilla_v1alpha1_CronJob__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
