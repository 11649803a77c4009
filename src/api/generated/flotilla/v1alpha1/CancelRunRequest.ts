// Original file: proto/flotilla/v1alpha1/runs.proto


export interface CancelRunRequest {
  'name'?: (string);
  'namespace'?: (string);
}

export interface CancelRunRequest__Output {
  'name': (string);
  'namespace': (string);
}
