// Original file: proto/flotilla/v1alpha1/common.proto


export interface GetRequest {
  'name'?: (string);
  'namespace'?: (string);
}

export interface GetRequest__Output {
  'name': (string);
  'namespace': (string);
}
