// Original file: proto/flotilla/v1alpha1/common.proto


export interface DeleteResponse {
  /**
   * Store revision of the delete.
   */
  'resource_version'?: (string);
}

export interface DeleteResponse__Output {
  /**
   * Store revision of the delete.
   */
  'resource_version': (string);
}
