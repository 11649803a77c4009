// Secret: values given directly (`data`, encrypted at rest by the store
// codec, never returned in plain by `get`) or read at run time from a
// provider on the node that needs them: a file, a command, an environment
// variable, or a Vault-style HTTP API. Redaction is server/'s and the
// templates' job; resolving providers is the agent's.

import { map, object, optional, required, string, duration, type Schema } from '../schema.js';
import type { ClusterConfig } from './config.js';

const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface FileProvider {
  /** absolute path on the node; the whole content is the value */
  path: string;
}

export interface CommandProvider {
  /** shell command line; its stdout (trailing newline trimmed) is the value */
  cmd: string;
  /** default '30s' */
  timeout?: string;
}

export interface EnvProvider {
  /** environment variable of flotillad on the node */
  name: string;
}

/** Where a Vault token comes from: exactly one source. */
export interface TokenSource {
  file?: FileProvider;
  env?: EnvProvider;
}

export interface VaultProvider {
  /** base URL of the server: https://, or http:// to a loopback address only */
  url: string;
  /** secret path, e.g. secret/data/app */
  path: string;
  /** the field of the secret's data to use */
  field: string;
  /** how to authenticate; default the VAULT_TOKEN environment variable of flotillad */
  tokenFrom?: TokenSource;
}

/** Exactly one provider. */
export interface SecretProvider {
  file?: FileProvider;
  command?: CommandProvider;
  env?: EnvProvider;
  vault?: VaultProvider;
}

export interface SecretSpec {
  /** key → value, stored encrypted (exactly one of data / provider) */
  data?: Record<string, string>;
  /** read the value when a run needs it */
  provider?: SecretProvider;
}

/** Secrets have no status. */
export type SecretStatus = Record<string, never>;

const absolutePath = (): Schema<string> =>
  string({ maxLength: 4096, check: (s) => (s.startsWith('/') ? undefined : `must be an absolute path (got '${s}')`) });

const fileProvider = object<FileProvider>({ path: required(absolutePath()) });
const envProvider = object<EnvProvider>({
  name: required(string({ maxLength: 256, pattern: ENV_NAME, patternMessage: "must be an environment variable name (letters, digits and '_')" })),
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const vaultUrl = (): Schema<string> =>
  string({
    maxLength: 2048,
    check(s) {
      let u: URL;
      try {
        u = new URL(s);
      } catch {
        return `must be an https:// URL (got '${s}')`;
      }
      if (u.username !== '' || u.password !== '') return 'must not embed credentials';
      if (u.protocol === 'https:') return undefined;
      if (u.protocol === 'http:' && LOOPBACK.has(u.hostname)) return undefined;
      return 'must be an https:// URL (http:// only to a loopback address)';
    },
  });

export const secretSpecSchema = object<SecretSpec>(
  {
    data: optional(
      map(string({ minLength: 0 }), {
        maxEntries: 1000,
        key: (k) => (k.length <= 253 && DATA_KEY.test(k) ? undefined : `key '${k}' must be letters, digits, '-', '_' or '.'`),
      }),
    ),
    provider: optional(
      object<SecretProvider>(
        {
          file: optional(fileProvider),
          command: optional(object<CommandProvider>({ cmd: required(string({ maxLength: 65_536 })), timeout: optional(duration({ min: '1ms', max: '10m' })) })),
          env: optional(envProvider),
          vault: optional(
            object<VaultProvider>({
              url: required(vaultUrl()),
              path: required(string({ maxLength: 1024, pattern: /^[^\s]+$/, patternMessage: 'must not contain spaces' })),
              field: required(string({ maxLength: 256 })),
              tokenFrom: optional(object<TokenSource>({ file: optional(fileProvider), env: optional(envProvider) }, { exactlyOne: [['file', 'env']] })),
            }),
          ),
        },
        { exactlyOne: [['file', 'command', 'env', 'vault']] },
      ),
    ),
  },
  { exactlyOne: [['data', 'provider']] },
);

export const secretStatusSchema = object<SecretStatus>({});

export interface DefaultedSecretSpec {
  data?: Record<string, string>;
  provider?: SecretProvider;
}

/** Fills the command timeout and the Vault token source. */
export function withDefaults(spec: SecretSpec, _cluster?: ClusterConfig): DefaultedSecretSpec {
  if (spec.data !== undefined) return { data: { ...spec.data } };
  const p = spec.provider ?? {};
  if (p.command) return { provider: { command: { ...p.command, timeout: p.command.timeout ?? '30s' } } };
  if (p.vault) return { provider: { vault: { ...p.vault, tokenFrom: p.vault.tokenFrom ?? { env: { name: 'VAULT_TOKEN' } } } } };
  return { provider: { ...p } };
}
