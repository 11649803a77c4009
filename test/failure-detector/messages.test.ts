// The wire format: every message round-trips; garbage, truncated, trailing
// and oversized input is rejected with MalformedMessageError; a compound
// packet filled from the broadcast queue never exceeds the packet limit.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BroadcastQueue } from '../../src/failure-detector/broadcast-queue.js';
import {
  COMPOUND_HEADER_BYTES,
  COMPOUND_PART_OVERHEAD,
  decodeMessage,
  encodeCompound,
  encodeMessage,
  MalformedMessageError,
  MAX_MESSAGE_BYTES,
  MessageEncodeError,
  type Message,
  type SimpleMessage,
} from '../../src/failure-detector/messages.js';
import { mulberry32 } from './sim/prng.js';

const samples: SimpleMessage[] = [
  { type: 'ping', seq: 0xffff_fffe, target: 'web-1', source: 'db-ü', sourceAddress: '10.0.0.1:7946' },
  { type: 'ping-req', seq: 7, target: 'web-1', targetAddress: '[::1]:7946', nack: true, source: 'a', sourceAddress: '10.0.0.2:7946' },
  { type: 'ping-req', seq: 8, target: 'web-1', targetAddress: 'h:1', nack: false, source: 'a', sourceAddress: 'h:2' },
  { type: 'ack', seq: 1 },
  { type: 'nack', seq: 2 },
  { type: 'alive', name: 'x'.repeat(255), address: 'host.example:7946', incarnation: 42 },
  { type: 'suspect', name: 'n', incarnation: 0, from: 'm' },
  { type: 'dead', name: 'n', incarnation: 3, from: 'n' },
  {
    type: 'push-pull',
    join: true,
    reply: false,
    seq: 9,
    source: 's',
    sourceAddress: 's:1',
    members: [
      { name: 'a', address: 'a:1', incarnation: 1, state: 'alive' },
      { name: 'b', address: 'b:1', incarnation: 2, state: 'suspect' },
      { name: 'c', address: 'c:1', incarnation: 3, state: 'dead' },
      { name: 'd', address: 'd:1', incarnation: 4, state: 'left' },
    ],
  },
  { type: 'push-pull', join: false, reply: true, seq: 10, source: 's', sourceAddress: 's:1', members: [] },
];

function rejects(bytes: Uint8Array, what: string): void {
  assert.throws(() => decodeMessage(bytes), MalformedMessageError, what);
}

void describe('gossip messages', () => {
  void it('round-trips every message type', () => {
    for (const m of samples) assert.deepEqual(decodeMessage(encodeMessage(m)), m, m.type);
    const compound: Message = { type: 'compound', messages: samples };
    assert.deepEqual(decodeMessage(encodeMessage(compound)), compound);
  });

  void it('rejects every truncation of every message with a typed error', () => {
    for (const m of [...samples, { type: 'compound', messages: samples } as const]) {
      const bytes = encodeMessage(m);
      for (let len = 0; len < bytes.length; len++) rejects(bytes.subarray(0, len), `${m.type} cut at ${len}`);
    }
  });

  void it('rejects trailing bytes, unknown versions and types, bad flags and nested compounds', () => {
    const ack = encodeMessage({ type: 'ack', seq: 1 });
    rejects(new Uint8Array([...ack, 0]), 'trailing byte');
    rejects(new Uint8Array([2, ...ack.subarray(1)]), 'version 2');
    rejects(new Uint8Array([1, 200, 0, 0, 0, 0]), 'type 200');
    const req = encodeMessage(samples[1]);
    const badFlag = req.slice();
    badFlag[2 + 4 + 1 + 5 + 1 + 10] = 9;
    rejects(badFlag, 'nack flag 9');
    const inner = encodeCompound([ack]);
    rejects(encodeCompound([inner]), 'compound in compound');
    rejects(new Uint8Array([1, 9, 0]), 'empty compound');
    const pp = encodeMessage(samples[8]);
    const badState = pp.slice();
    badState[pp.length - 1] = 7;
    rejects(badState, 'unknown member state');
  });

  void it('rejects invalid utf-8 and forged counts without allocating for them', () => {
    rejects(new Uint8Array([1, 5, 0, 0, 0, 1, 2, 0xff, 0xfe, 1, 0x61]), 'invalid utf-8 name');
    // push-pull claiming 2^32−1 members in a few bytes
    rejects(new Uint8Array([1, 8, 0, 0, 0, 0, 1, 1, 0x73, 1, 0x73, 0xff, 0xff, 0xff, 0xff, 0, 0]), 'forged member count');
  });

  void it('rejects oversized payloads', () => {
    rejects(new Uint8Array(MAX_MESSAGE_BYTES + 1), 'oversized');
  });

  void it('decodes random garbage only into a typed error, never a crash', () => {
    const random = mulberry32(1);
    let rejected = 0;
    for (let i = 0; i < 20_000; i++) {
      const len = Math.floor(random() * 64);
      const bytes = new Uint8Array(len);
      for (let j = 0; j < len; j++) bytes[j] = Math.floor(random() * 256);
      // a valid header makes the body parser do the work
      if (len > 2 && i % 2 === 0) {
        bytes[0] = 1;
        bytes[1] = 1 + (i % 9);
      }
      try {
        decodeMessage(bytes);
      } catch (err) {
        assert.ok(err instanceof MalformedMessageError, `garbage ${i} threw ${String(err)}`);
        rejected++;
      }
    }
    assert.ok(rejected > 19_000, `most garbage is rejected (${rejected})`);
  });

  void it('refuses to encode a name over 255 bytes or a bad incarnation', () => {
    assert.throws(() => encodeMessage({ type: 'suspect', name: 'é'.repeat(128), incarnation: 1, from: 'a' }), MessageEncodeError);
    assert.throws(() => encodeMessage({ type: 'alive', name: 'a', address: 'a:1', incarnation: -1 }), MessageEncodeError);
  });

  void it('fills a compound packet from the queue without exceeding the limit', () => {
    for (const limit of [64, 200, 508, 1400]) {
      const q = new BroadcastQueue();
      for (let i = 0; i < 500; i++) q.enqueue(`member-${i}`, encodeMessage({ type: 'alive', name: `member-${i}-${'x'.repeat(i % 40)}`, address: `10.0.${i >> 8}.${i & 255}:7946`, incarnation: i }));
      const primary = encodeMessage({ type: 'ack', seq: 1 });
      for (let round = 0; round < 50; round++) {
        const room = limit - COMPOUND_HEADER_BYTES - COMPOUND_PART_OVERHEAD - primary.length;
        const parts = [primary, ...q.take(room, COMPOUND_PART_OVERHEAD, 3, 254)];
        const packet = encodeCompound(parts);
        assert.ok(packet.length <= limit, `limit ${limit} round ${round}: packet of ${packet.length} bytes`);
        assert.equal((decodeMessage(packet) as { messages: readonly unknown[] }).messages.length, parts.length);
      }
    }
  });
});
