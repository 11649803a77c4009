// Original file: proto/flotilla/v1alpha1/trigger.proto

import type { ObjectMeta as _flotilla_v1alpha1_ObjectMeta, ObjectMeta__Output as _flotilla_v1alpha1_ObjectMeta__Output } from '../../flotilla/v1alpha1/ObjectMeta.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

export interface Trigger {
  /**
   * "flotilla/v1alpha1"
   */
  'api_version'?: (string);
  /**
   * "Trigger"
   */
  'kind'?: (string);
  'metadata'?: (_flotilla_v1alpha1_ObjectMeta | null);
  /**
   * Desired state, written by users.
   */
  'spec'?: (_google_protobuf_Struct | null);
  /**
   * Observed state, written by the system only; ignored on Apply.
   */
  'status'?: (_google_protobuf_Struct | null);
}

export interface Trigger__Output {
  /**
   * "flotilla/v1alpha1"
   */
  'api_version': (string);
  /**
   * "Trigger"
   */
  'kind': (string);
  'metadata': (_flotilla_v1alpha1_ObjectMeta__Output | null);
  /**
   * Desired state, written by users.
   */
  'spec': (_google_protobuf_Struct__Output | null);
  /**
   * Observed state, written by the system only; ignored on Apply.
   */
  'status': (_google_protobuf_Struct__Output | null);
}
