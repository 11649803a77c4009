// Original file: proto/flotilla/v1alpha1/common.proto


export interface DeleteRequest {
  'name'?: (string);
  'namespace'?: (string);
  /**
   * When set, delete only if the object is still at this revision (ABORTED otherwise).
   */
  'resource_version'?: (string);
}

export interface DeleteRequest__Output {
  'name': (string);
  'namespace': (string);
  /**
   * When set, delete only if the object is still at this revision (ABORTED otherwise).
   */
  'resource_version': (string);
}
