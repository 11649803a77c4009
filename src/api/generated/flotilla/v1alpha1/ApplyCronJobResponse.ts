// Original file: proto/flotilla/v1alpha1/cronjob.proto

import type { CronJob as _flotilla_v1alpha1_CronJob, CronJob__Output as _flotilla_v1alpha1_CronJob__Output } from '../../flotilla/v1alpha1/CronJob.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyCronJobResponse {
  'object'?: (_flotilla_v1alpha1_CronJob | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyCronJobResponse__Output {
  'object': (_flotilla_v1alpha1_CronJob__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
