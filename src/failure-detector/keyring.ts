// The gossip key ring: AES-256-GCM keys shared by every member. The first
// key (the primary) seals what this member sends; every key in the ring is
// tried when opening what it receives, so a key can be rotated without
// downtime: (1) add the new key as a secondary on every member, (2) make it
// the primary on every member, (3) remove the old key everywhere.
//
// Sealed frame: [version 1][nonce 12][ciphertext][tag 16]. The version byte
// is authenticated as additional data. A frame that no key opens is refused
// with KeyringError (the transport counts and drops it). Nonces are a random
// 96-bit value drawn when the ring is made, XORed with a 64-bit counter, so a
// (key, nonce) pair never repeats within a process and two processes collide
// only with negligible probability (the TLS 1.3 construction), without
// asking the random generator for every packet.
//
// Key file: one base64 key (32 bytes) per line, primary first; blank lines
// and lines starting with '#' are ignored.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export const KEY_BYTES = 32;
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** bytes a sealed frame adds to its payload */
export const SEAL_OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

export class Keyring {
  readonly #keys: readonly Buffer[];
  readonly #nonceBase = randomBytes(NONCE_BYTES);
  #sealed = 0;

  /** `keys[0]` is the primary; at least one key, each 32 bytes, no duplicates */
  constructor(keys: readonly Uint8Array[]) {
    if (keys.length === 0) throw new KeyringError('the gossip key ring is empty');
    const seen = new Set<string>();
    this.#keys = keys.map((k, i) => {
      if (k.length !== KEY_BYTES) throw new KeyringError(`gossip key ${i + 1} is ${k.length} bytes; AES-256 needs ${KEY_BYTES}`);
      const hex = Buffer.from(k).toString('hex');
      if (seen.has(hex)) throw new KeyringError(`gossip key ${i + 1} appears twice`);
      seen.add(hex);
      return Buffer.from(k);
    });
  }

  /** a fresh random key, as stored in a key file */
  static generateKey(): string {
    return randomBytes(KEY_BYTES).toString('base64');
  }

  /** parses key-file text; errors name the file and line */
  static parse(text: string, file = 'gossip key file'): Keyring {
    const keys: Buffer[] = [];
    text.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(line)) throw new KeyringError(`${file}:${i + 1}: not a base64 key`);
      const key = Buffer.from(line, 'base64');
      if (key.length !== KEY_BYTES) throw new KeyringError(`${file}:${i + 1}: key is ${key.length} bytes; AES-256 needs ${KEY_BYTES} (make one with: openssl rand -base64 32)`);
      keys.push(key);
    });
    if (keys.length === 0) throw new KeyringError(`${file}: no keys (one base64 key per line, primary first)`);
    try {
      return new Keyring(keys);
    } catch (err) {
      throw new KeyringError(`${file}: ${(err as Error).message}`);
    }
  }

  static async load(file: string): Promise<Keyring> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new KeyringError(`cannot read gossip key file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    return Keyring.parse(text, file);
  }

  get size(): number {
    return this.#keys.length;
  }

  /** names the primary key without revealing it (first 8 hex digits of its SHA-256), for logs and stats */
  get primaryFingerprint(): string {
    return createHash('sha256').update(this.#keys[0]).digest('hex').slice(0, 8);
  }

  /** true when both rings hold the same keys in the same order */
  equals(other: Keyring): boolean {
    return other.#keys.length === this.#keys.length && other.#keys.every((k, i) => k.equals(this.#keys[i]));
  }

  /** seals `payload` with the primary key */
  seal(payload: Uint8Array): Buffer {
    const out = Buffer.allocUnsafe(SEAL_OVERHEAD + payload.length);
    out[0] = VERSION;
    this.#nonceBase.copy(out, 1);
    const n = this.#sealed++;
    out.writeUInt32BE((out.readUInt32BE(5) ^ Math.floor(n / 2 ** 32)) >>> 0, 5);
    out.writeUInt32BE((out.readUInt32BE(9) ^ n) >>> 0, 9);
    const cipher = createCipheriv('aes-256-gcm', this.#keys[0], out.subarray(1, 1 + NONCE_BYTES));
    cipher.setAAD(out.subarray(0, 1));
    let at = 1 + NONCE_BYTES;
    at += cipher.update(payload).copy(out, at);
    at += cipher.final().copy(out, at);
    cipher.getAuthTag().copy(out, at);
    return out;
  }

  /** opens a sealed frame with whichever key sealed it; throws KeyringError otherwise */
  open(frame: Uint8Array): Buffer {
    if (frame.length < SEAL_OVERHEAD) throw new KeyringError(`frame of ${frame.length} bytes is too short`);
    if (frame[0] !== VERSION) throw new KeyringError(`unknown frame version ${frame[0]}`);
    const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.length);
    const head = buf.subarray(0, 1);
    const nonce = buf.subarray(1, 1 + NONCE_BYTES);
    const body = buf.subarray(1 + NONCE_BYTES, buf.length - TAG_BYTES);
    const tag = buf.subarray(buf.length - TAG_BYTES);
    for (const key of this.#keys) {
      try {
        const d = createDecipheriv('aes-256-gcm', key, nonce);
        d.setAAD(head);
        d.setAuthTag(tag);
        const out = d.update(body);
        const final = d.final();
        return final.length === 0 ? out : Buffer.concat([out, final]);
      } catch {
        // try the next key
      }
    }
    throw new KeyringError('no key in the ring authenticates the frame');
  }
}
