// flotillad's whole settings schema, with every default and unit in one table.
// Each setting can come from the YAML config file (camelCase path), a
// FLOTILLA_* environment variable, or a flag; load.ts merges them in that
// order over the defaults. Durations are written '500ms', '30s', '5m' and
// compiled to numbers named ...Ms so nothing downstream parses them.

export type StoreBackend = 'embedded' | 'etcd';
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface Config {
  /** this node's name (a DNS label); default: the host name's first label */
  readonly name: string;
  /** where the embedded store and local state live */
  readonly dataDir: string;
  readonly store: {
    readonly backend: StoreBackend;
    readonly etcd: {
      readonly endpoints: readonly string[];
      /** PEM files for client TLS to etcd; all optional */
      readonly caFile?: string;
      readonly certFile?: string;
      readonly keyFile?: string;
      /** deadline of one store request */
      readonly requestTimeoutMs: number;
    };
  };
  readonly api: {
    /** host:port of the gRPC server; a non-loopback address requires TLS */
    readonly listen: string;
    readonly tls: { readonly certFile?: string; readonly keyFile?: string; readonly caFile?: string };
    /** default idle interval between watch BOOKMARK events */
    readonly bookmarkIntervalMs: number;
    /** largest gRPC message accepted, bytes */
    readonly maxMessageBytes: number;
  };
  readonly gossip: {
    /** host:port for the gossip UDP socket */
    readonly bind: string;
    readonly join: readonly string[];
    readonly keyFile?: string;
  };
  /** labels of this node's Node object */
  readonly labels: Readonly<Record<string, string>>;
  readonly logLevel: LogLevel;
  readonly node: {
    /** TTL of this daemon's session lease (presence, leadership); seconds */
    readonly leaseTtlSeconds: number;
    /** how often facts are gathered again even when nothing signalled a change */
    readonly factsRefreshIntervalMs: number;
  };
  /** how long SIGTERM waits for work in hand before stopping anyway */
  readonly drainTimeoutMs: number;
  readonly runs: {
    /** how long a run may wait to start while a git include cannot be fetched; then it fails */
    readonly startDeadlineMs: number;
  };
}

export type FieldType = 'string' | 'duration' | 'int' | 'list' | 'labels' | 'bytes';

export interface FieldSpec {
  /** dotted path in Config and in the YAML file */
  readonly path: string;
  readonly type: FieldType;
  /** command-line flag without dashes; undefined when file-only */
  readonly flag?: string;
  /** allowed values for enumerated strings */
  readonly values?: readonly string[];
  readonly doc: string;
}

/** Every setting. Defaults are in defaultConfig(); this table drives parsing, flags, env and help. */
export const FIELDS: readonly FieldSpec[] = [
  { path: 'name', type: 'string', flag: 'name', doc: "this node's name (lower-case DNS label)" },
  { path: 'dataDir', type: 'string', flag: 'data-dir', doc: 'directory for the embedded store and local state' },
  { path: 'store.backend', type: 'string', flag: 'store', values: ['embedded', 'etcd'], doc: 'store backend' },
  { path: 'store.etcd.endpoints', type: 'list', flag: 'etcd-endpoints', doc: 'etcd client URLs, comma-separated' },
  { path: 'store.etcd.caFile', type: 'string', flag: 'etcd-ca', doc: 'CA bundle for etcd TLS' },
  { path: 'store.etcd.certFile', type: 'string', flag: 'etcd-cert', doc: 'client certificate for etcd TLS' },
  { path: 'store.etcd.keyFile', type: 'string', flag: 'etcd-key', doc: 'client key for etcd TLS' },
  { path: 'store.etcd.requestTimeoutMs', type: 'duration', flag: 'etcd-request-timeout', doc: 'deadline of one etcd request' },
  { path: 'api.listen', type: 'string', flag: 'listen', doc: 'gRPC listen address host:port (non-loopback requires TLS)' },
  { path: 'api.tls.certFile', type: 'string', flag: 'tls-cert', doc: 'server certificate (PEM)' },
  { path: 'api.tls.keyFile', type: 'string', flag: 'tls-key', doc: 'server key (PEM)' },
  { path: 'api.tls.caFile', type: 'string', flag: 'tls-ca', doc: 'CA that signs client certificates (mTLS)' },
  { path: 'api.bookmarkIntervalMs', type: 'duration', flag: 'bookmark-interval', doc: 'idle interval between watch bookmarks' },
  { path: 'api.maxMessageBytes', type: 'bytes', flag: 'max-message-bytes', doc: 'largest gRPC message accepted' },
  { path: 'gossip.bind', type: 'string', flag: 'gossip-bind', doc: 'gossip UDP address host:port' },
  { path: 'gossip.join', type: 'list', flag: 'join', doc: 'gossip seed addresses, comma-separated' },
  { path: 'gossip.keyFile', type: 'string', flag: 'gossip-key', doc: 'file holding the gossip key ring' },
  { path: 'labels', type: 'labels', flag: 'labels', doc: "this node's labels, k=v,k=v" },
  {
    path: 'logLevel',
    type: 'string',
    flag: 'log-level',
    values: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'],
    doc: 'log level',
  },
  { path: 'node.leaseTtlSeconds', type: 'int', flag: 'lease-ttl', doc: 'session lease TTL in seconds' },
  { path: 'node.factsRefreshIntervalMs', type: 'duration', flag: 'facts-refresh', doc: 'interval between fact refreshes' },
  { path: 'drainTimeoutMs', type: 'duration', flag: 'drain-timeout', doc: 'grace period on SIGTERM' },
  { path: 'runs.startDeadlineMs', type: 'duration', flag: 'run-start-deadline', doc: 'how long a run waits for an unavailable git include before failing' },
];

/** Defaults for a real fleet. */
export function defaultConfig(hostName: string): Config {
  return {
    name: defaultNodeName(hostName),
    dataDir: '/var/lib/flotilla',
    store: { backend: 'embedded', etcd: { endpoints: [], requestTimeoutMs: 5_000 } },
    api: { listen: '127.0.0.1:7400', tls: {}, bookmarkIntervalMs: 60_000, maxMessageBytes: 4 * 1024 * 1024 },
    gossip: { bind: '127.0.0.1:7401', join: [] },
    labels: {},
    logLevel: 'info',
    node: { leaseTtlSeconds: 10, factsRefreshIntervalMs: 10 * 60_000 },
    drainTimeoutMs: 30_000,
    runs: { startDeadlineMs: 2 * 60_000 },
  };
}

/** Short intervals for tests: quick failover, quick bookmarks. */
export function localTestConfig(name: string, dataDir: string): Config {
  const d = defaultConfig(name);
  return {
    ...d,
    name,
    dataDir,
    api: { ...d.api, listen: '127.0.0.1:0', bookmarkIntervalMs: 1_000 },
    gossip: { ...d.gossip, bind: '127.0.0.1:0' },
    logLevel: 'warn',
    node: { ...d.node, leaseTtlSeconds: 2 },
    drainTimeoutMs: 5_000,
  };
}

/** The host name's first label, lower-cased, reduced to DNS label characters. */
export function defaultNodeName(hostName: string): string {
  const label = hostName.split('.')[0].toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '');
  return label.slice(0, 63).replace(/-+$/, '') || 'node';
}
