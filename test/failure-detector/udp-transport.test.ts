import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { Keyring } from '../../src/failure-detector/keyring.js';
import { UdpTransport } from '../../src/failure-detector/udp-transport.js';
import type { Delivery } from '../../src/failure-detector/transport.js';
import { assertEventually } from '../helpers/eventually.js';

const ring = (...keys: string[]) => Keyring.parse(keys.join('\n'));

async function pair(ka: Keyring, kb: Keyring) {
  const a = new UdpTransport({ bind: '127.0.0.1:0', keyring: ka });
  const b = new UdpTransport({ bind: '127.0.0.1:0', keyring: kb });
  await a.start();
  await b.start();
  const got: { payload: string; from: string; via: Delivery }[] = [];
  b.setHandler((p, from, via) => got.push({ payload: Buffer.from(p).toString(), from, via }));
  return { a, b, got, [Symbol.asyncDispose]: async () => { await a.stop(); await b.stop(); } };
}

void describe('UDP transport', () => {
  void it('delivers sealed packets and streams between members sharing a key', async () => {
    const k = Keyring.generateKey();
    await using p = await pair(ring(k), ring(k));
    assert.match(p.a.address, /^127\.0\.0\.1:\d+$/);
    p.a.sendPacket(p.b.address, Buffer.from('ping 1'));
    await assertEventually(() => assert.deepEqual(p.got, [{ payload: 'ping 1', from: p.a.address, via: 'packet' }], 'packet arrives from the sender address'));
    const big = 'x'.repeat(300_000);
    await p.a.sendStream(p.b.address, Buffer.from(big), 5000);
    await assertEventually(() => assert.equal(p.got.at(-1)?.payload.length, big.length, 'stream payload arrives whole'));
    assert.equal(p.got.at(-1)?.via, 'stream');
    p.a.sendPacket(p.b.address, Buffer.alloc(p.a.maxPacketPayload + 1));
    assert.equal(p.a.stats().dropped, 1, 'an oversized packet is dropped at the sender');
  });

  void it('sends to a host name through DNS as well as to an IP literal', async () => {
    const k = Keyring.generateKey();
    await using p = await pair(ring(k), ring(k));
    const port = p.b.address.split(':')[1];
    p.a.sendPacket(`localhost:${port}`, Buffer.from('by name'));
    p.a.sendPacket(`127.0.0.1:${port}`, Buffer.from('by address'));
    await assertEventually(() => assert.deepEqual(p.got.map((g) => g.payload).sort(), ['by address', 'by name'], 'both packets arrive'));
  });

  void it('drops and counts traffic sealed with a key it does not hold, and plaintext garbage', async () => {
    await using p = await pair(ring(Keyring.generateKey()), ring(Keyring.generateKey()));
    p.a.sendPacket(p.b.address, Buffer.from('forged'));
    await p.a.sendStream(p.b.address, Buffer.from('forged stream'), 5000);
    const raw = createSocket('udp4');
    const [host, port] = p.b.address.split(':');
    await new Promise<void>((r) => raw.send(Buffer.from('plain text member list'), Number(port), host, () => r()));
    raw.close();
    const tcp = connect({ host, port: Number(port) });
    tcp.end(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]));
    tcp.on('error', () => undefined);
    await assertEventually(() => assert.equal(p.b.stats().authFailures, 3, `auth failures ${JSON.stringify(p.b.stats())}`));
    await assertEventually(() => assert.ok(p.b.stats().dropped >= 1, 'an oversized stream header is refused'));
    assert.deepEqual(p.got, [], 'nothing reached the protocol');
  });

  void it('keeps talking through a key rotation', async () => {
    const [k1, k2] = [Keyring.generateKey(), Keyring.generateKey()];
    await using p = await pair(ring(k1), ring(k1));
    p.b.setKeyring(ring(k1, k2)); // (1) install the new key as secondary
    p.a.setKeyring(ring(k2, k1)); // (2) a switches its primary first
    p.a.sendPacket(p.b.address, Buffer.from('after a switched'));
    p.b.setKeyring(ring(k2, k1));
    p.a.setKeyring(ring(k2)); // (3) the old key goes
    p.b.setKeyring(ring(k2));
    p.a.sendPacket(p.b.address, Buffer.from('old key gone'));
    await assertEventually(() => assert.deepEqual(p.got.map((g) => g.payload), ['after a switched', 'old key gone']));
    assert.equal(p.b.stats().authFailures, 0);
  });

  void it('reports a clear error when the port is taken', async () => {
    const a = new UdpTransport({ bind: '127.0.0.1:0', keyring: ring(Keyring.generateKey()) });
    await a.start();
    try {
      const b = new UdpTransport({ bind: a.address, keyring: ring(Keyring.generateKey()) });
      await assert.rejects(b.start(), /cannot bind gossip UDP 127\.0\.0\.1:\d+: EADDRINUSE/);
    } finally {
      await a.stop();
    }
  });
});
