import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Keyring, KeyringError, SEAL_OVERHEAD } from '../../src/failure-detector/keyring.js';

const key = () => Buffer.from(Keyring.generateKey(), 'base64');

void describe('gossip key ring', () => {
  void it('seals with the primary and opens with any key in the ring', () => {
    const [a, b] = [key(), key()];
    const old = new Keyring([a]);
    const both = new Keyring([b, a]);
    const msg = Buffer.from('member c1-n2 is alive');
    const sealed = old.seal(msg);
    assert.equal(sealed.length, msg.length + SEAL_OVERHEAD);
    assert.equal(sealed.includes(msg), false, 'no plaintext on the wire');
    assert.deepEqual(both.open(sealed), msg, 'a ring holding the old key as secondary opens it');
    assert.deepEqual(both.open(both.seal(msg)), msg);
    assert.throws(() => old.open(both.seal(msg)), KeyringError, 'the new primary is unknown to a ring without it');
  });

  void it('never repeats a nonce', () => {
    const ring = new Keyring([key()]);
    const other = new Keyring([key()]);
    const nonces = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      nonces.add(ring.seal(Buffer.from('x')).subarray(1, 13).toString('hex'));
      nonces.add(other.seal(Buffer.from('x')).subarray(1, 13).toString('hex'));
    }
    assert.equal(nonces.size, 10_000);
  });

  void it('refuses tampered, truncated and foreign frames', () => {
    const ring = new Keyring([key()]);
    const sealed = ring.seal(Buffer.from('hello'));
    for (const i of [0, 1, 13, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[i] ^= 1;
      assert.throws(() => ring.open(bad), KeyringError, `flipping byte ${i} is detected`);
    }
    assert.throws(() => ring.open(sealed.subarray(0, 10)), /too short/);
    assert.throws(() => new Keyring([key()]).open(sealed), /no key/);
  });

  void it('parses key files and names the file and line of a bad key', () => {
    const [a, b] = [Keyring.generateKey(), Keyring.generateKey()];
    const ring = Keyring.parse(`# gossip keys\n${a}\n\n${b}\n`, 'keys.txt');
    assert.equal(ring.size, 2);
    assert.ok(ring.equals(Keyring.parse(`${a}\n${b}`)), 'same keys, same order');
    assert.ok(!ring.equals(Keyring.parse(`${b}\n${a}`)), 'order matters (primary first)');
    assert.throws(() => Keyring.parse(`${a}\nnot a key!\n`, 'keys.txt'), /keys\.txt:2: not a base64 key/);
    assert.throws(() => Keyring.parse(Buffer.alloc(16).toString('base64'), 'keys.txt'), /keys\.txt:1: key is 16 bytes; AES-256 needs 32/);
    assert.throws(() => Keyring.parse('# nothing\n', 'keys.txt'), /keys\.txt: no keys/);
    assert.throws(() => Keyring.parse(`${a}\n${a}\n`, 'keys.txt'), /keys\.txt: gossip key 2 appears twice/);
  });
});
