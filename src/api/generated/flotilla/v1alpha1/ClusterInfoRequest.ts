// Original file: proto/flotilla/v1alpha1/cluster.proto


export interface ClusterInfoRequest {
}

export interface ClusterInfoRequest__Output {
}
