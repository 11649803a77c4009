// The failure detector's wire format: a compact hand-written binary encoding
// (no JSON on the wire) of SWIM's messages. Every payload starts with a
// version byte and a type byte. Names and addresses are UTF-8 strings of at
// most 255 bytes with a one-byte length. A compound packet carries one
// primary message followed by piggybacked broadcasts, each with a two-byte
// length. Decoding checks every bound and throws MalformedMessageError for
// garbage, truncated, trailing or oversized input; it never loops on input.

import { FlotillaError } from '../errors.js';

export const PROTOCOL_VERSION = 1;
/** the longest member name or address, in UTF-8 bytes */
export const MAX_STRING_BYTES = 255;
/** the largest payload decodeMessage accepts (a push-pull of a big fleet fits easily) */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** bytes a compound packet adds before its parts: version, type, count */
export const COMPOUND_HEADER_BYTES = 3;
/** bytes a compound packet adds per part: its length */
export const COMPOUND_PART_OVERHEAD = 2;
/** the most parts one compound packet holds */
export const MAX_COMPOUND_PARTS = 255;

export type WireState = 'alive' | 'suspect' | 'dead' | 'left';

export interface PingMessage {
  readonly type: 'ping';
  readonly seq: number;
  /** the member the sender means to reach; a different member at that address does not ack */
  readonly target: string;
  readonly source: string;
  readonly sourceAddress: string;
}
export interface PingReqMessage {
  readonly type: 'ping-req';
  readonly seq: number;
  readonly target: string;
  readonly targetAddress: string;
  /** Lifeguard: answer with a nack when the target does not ack in time */
  readonly nack: boolean;
  readonly source: string;
  readonly sourceAddress: string;
}
export interface AckMessage {
  readonly type: 'ack';
  readonly seq: number;
}
export interface NackMessage {
  readonly type: 'nack';
  readonly seq: number;
}
export interface AliveMessage {
  readonly type: 'alive';
  readonly name: string;
  readonly address: string;
  readonly incarnation: number;
}
export interface SuspectMessage {
  readonly type: 'suspect';
  readonly name: string;
  readonly incarnation: number;
  /** the accuser */
  readonly from: string;
}
export interface DeadMessage {
  readonly type: 'dead';
  readonly name: string;
  readonly incarnation: number;
  /** the declarer; equal to name for a graceful leave */
  readonly from: string;
}
export interface PushPullEntry {
  readonly name: string;
  readonly address: string;
  readonly incarnation: number;
  readonly state: WireState;
}
export interface PushPullMessage {
  readonly type: 'push-pull';
  readonly join: boolean;
  /** true on the answer to a push-pull; an answer is merged, never answered */
  readonly reply: boolean;
  /** chosen by the requester, echoed in the reply */
  readonly seq: number;
  readonly source: string;
  readonly sourceAddress: string;
  readonly members: readonly PushPullEntry[];
}
export interface CompoundMessage {
  readonly type: 'compound';
  readonly messages: readonly SimpleMessage[];
}

export type BroadcastMessage = AliveMessage | SuspectMessage | DeadMessage;
export type SimpleMessage = PingMessage | PingReqMessage | AckMessage | NackMessage | BroadcastMessage | PushPullMessage;
export type Message = SimpleMessage | CompoundMessage;

/** a payload that is not a valid message of this protocol version */
export class MalformedMessageError extends FlotillaError {
  constructor(message: string, opts: ErrorOptions = {}) {
    super('INVALID_ARGUMENT', message, opts);
  }
}

/** a message that cannot be encoded (a name or address too long, a number out of range) */
export class MessageEncodeError extends FlotillaError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

const TYPE_CODES = { ping: 1, 'ping-req': 2, ack: 3, nack: 4, alive: 5, suspect: 6, dead: 7, 'push-pull': 8, compound: 9 } as const;
const STATE_CODES: Record<WireState, number> = { alive: 0, suspect: 1, dead: 2, left: 3 };
const STATES: readonly WireState[] = ['alive', 'suspect', 'dead', 'left'];
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

// ---------------------------------------------------------------- encoding

class Writer {
  #buf = new Uint8Array(64);
  #view = new DataView(this.#buf.buffer);
  #len = 0;

  #reserve(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.#reserve(1);
    this.#view.setUint8(this.#len, v);
    this.#len += 1;
  }
  u32(v: number, what: string): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) throw new MessageEncodeError(`${what}: ${v} is not a 32-bit unsigned integer`);
    this.#reserve(4);
    this.#view.setUint32(this.#len, v);
    this.#len += 4;
  }
  str(s: string, what: string): void {
    const bytes = encoder.encode(s);
    if (bytes.length > MAX_STRING_BYTES) throw new MessageEncodeError(`${what}: '${s.slice(0, 32)}…' is longer than ${MAX_STRING_BYTES} bytes`);
    this.u8(bytes.length);
    this.#reserve(bytes.length);
    this.#buf.set(bytes, this.#len);
    this.#len += bytes.length;
  }
  bytes(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

/** encodes one message; a compound is better built with encodeCompound from encoded parts */
export function encodeMessage(m: Message): Uint8Array {
  if (m.type === 'compound') return encodeCompound(m.messages.map(encodeMessage));
  const w = new Writer();
  w.u8(PROTOCOL_VERSION);
  w.u8(TYPE_CODES[m.type]);
  switch (m.type) {
    case 'ping':
      w.u32(m.seq, 'ping seq');
      w.str(m.target, 'ping target');
      w.str(m.source, 'ping source');
      w.str(m.sourceAddress, 'ping source address');
      break;
    case 'ping-req':
      w.u32(m.seq, 'ping-req seq');
      w.str(m.target, 'ping-req target');
      w.str(m.targetAddress, 'ping-req target address');
      w.u8(m.nack ? 1 : 0);
      w.str(m.source, 'ping-req source');
      w.str(m.sourceAddress, 'ping-req source address');
      break;
    case 'ack':
    case 'nack':
      w.u32(m.seq, `${m.type} seq`);
      break;
    case 'alive':
      w.u32(m.incarnation, 'alive incarnation');
      w.str(m.name, 'alive name');
      w.str(m.address, 'alive address');
      break;
    case 'suspect':
    case 'dead':
      w.u32(m.incarnation, `${m.type} incarnation`);
      w.str(m.name, `${m.type} name`);
      w.str(m.from, `${m.type} from`);
      break;
    case 'push-pull':
      w.u8((m.join ? 1 : 0) | (m.reply ? 2 : 0));
      w.u32(m.seq, 'push-pull seq');
      w.str(m.source, 'push-pull source');
      w.str(m.sourceAddress, 'push-pull source address');
      w.u32(m.members.length, 'push-pull member count');
      for (const e of m.members) {
        w.str(e.name, 'push-pull member name');
        w.str(e.address, 'push-pull member address');
        w.u32(e.incarnation, 'push-pull member incarnation');
        w.u8(STATE_CODES[e.state]);
      }
      break;
  }
  return w.bytes();
}

/** the size of a compound packet made of parts with these lengths */
export function compoundSize(partLengths: readonly number[]): number {
  let size = COMPOUND_HEADER_BYTES;
  for (const len of partLengths) size += COMPOUND_PART_OVERHEAD + len;
  return size;
}

/** packs already-encoded (non-compound) messages into one compound packet */
export function encodeCompound(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0 || parts.length > MAX_COMPOUND_PARTS) throw new MessageEncodeError(`compound: ${parts.length} parts (want 1..${MAX_COMPOUND_PARTS})`);
  const out = new Uint8Array(compoundSize(parts.map((p) => p.length)));
  const view = new DataView(out.buffer);
  out[0] = PROTOCOL_VERSION;
  out[1] = TYPE_CODES.compound;
  out[2] = parts.length;
  let pos = COMPOUND_HEADER_BYTES;
  for (const p of parts) {
    if (p.length > 0xffff) throw new MessageEncodeError(`compound: a part of ${p.length} bytes is over 65535`);
    view.setUint16(pos, p.length);
    out.set(p, pos + 2);
    pos += 2 + p.length;
  }
  return out;
}

// ---------------------------------------------------------------- decoding

class Reader {
  readonly #view: DataView;
  readonly #bytes: Uint8Array;
  #pos = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get remaining(): number {
    return this.#bytes.length - this.#pos;
  }
  #need(n: number, what: string): void {
    if (this.remaining < n) throw new MalformedMessageError(`message truncated at ${what} (offset ${this.#pos})`);
  }
  u8(what: string): number {
    this.#need(1, what);
    return this.#view.getUint8(this.#pos++);
  }
  u16(what: string): number {
    this.#need(2, what);
    const v = this.#view.getUint16(this.#pos);
    this.#pos += 2;
    return v;
  }
  u32(what: string): number {
    this.#need(4, what);
    const v = this.#view.getUint32(this.#pos);
    this.#pos += 4;
    return v;
  }
  take(n: number, what: string): Uint8Array {
    this.#need(n, what);
    const out = this.#bytes.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }
  str(what: string): string {
    const len = this.u8(`${what} length`);
    const raw = this.take(len, what);
    try {
      return decoder.decode(raw);
    } catch (err) {
      throw new MalformedMessageError(`${what} is not valid utf-8`, { cause: err });
    }
  }
  end(what: string): void {
    if (this.remaining !== 0) throw new MalformedMessageError(`${what}: ${this.remaining} trailing bytes`);
  }
}

/** decodes one payload; throws MalformedMessageError for anything that is not a valid message */
export function decodeMessage(payload: Uint8Array): Message {
  if (payload.length > MAX_MESSAGE_BYTES) throw new MalformedMessageError(`message of ${payload.length} bytes is over ${MAX_MESSAGE_BYTES}`);
  const r = new Reader(payload);
  const version = r.u8('version');
  if (version !== PROTOCOL_VERSION) throw new MalformedMessageError(`unsupported protocol version ${version}`);
  const code = r.u8('type');
  if (code === TYPE_CODES.compound) return decodeCompound(r);
  const m = decodeBody(code, r);
  r.end(m.type);
  return m;
}

function decodeCompound(r: Reader): CompoundMessage {
  const count = r.u8('compound count');
  if (count === 0) throw new MalformedMessageError('compound with no parts');
  const messages: SimpleMessage[] = [];
  for (let i = 0; i < count; i++) {
    const len = r.u16(`compound part ${i} length`);
    const part = new Reader(r.take(len, `compound part ${i}`));
    const version = part.u8('version');
    if (version !== PROTOCOL_VERSION) throw new MalformedMessageError(`compound part ${i}: unsupported protocol version ${version}`);
    const code = part.u8('type');
    if (code === TYPE_CODES.compound) throw new MalformedMessageError(`compound part ${i} is itself a compound`);
    const m = decodeBody(code, part);
    part.end(`compound part ${i} (${m.type})`);
    messages.push(m);
  }
  r.end('compound');
  return { type: 'compound', messages };
}

function decodeBody(code: number, r: Reader): SimpleMessage {
  switch (code) {
    case TYPE_CODES.ping:
      return { type: 'ping', seq: r.u32('ping seq'), target: r.str('ping target'), source: r.str('ping source'), sourceAddress: r.str('ping source address') };
    case TYPE_CODES['ping-req']: {
      const seq = r.u32('ping-req seq');
      const target = r.str('ping-req target');
      const targetAddress = r.str('ping-req target address');
      const nack = flag(r.u8('ping-req nack flag'), 1, 'ping-req nack flag');
      return { type: 'ping-req', seq, target, targetAddress, nack: nack === 1, source: r.str('ping-req source'), sourceAddress: r.str('ping-req source address') };
    }
    case TYPE_CODES.ack:
      return { type: 'ack', seq: r.u32('ack seq') };
    case TYPE_CODES.nack:
      return { type: 'nack', seq: r.u32('nack seq') };
    case TYPE_CODES.alive: {
      const incarnation = r.u32('alive incarnation');
      return { type: 'alive', incarnation, name: r.str('alive name'), address: r.str('alive address') };
    }
    case TYPE_CODES.suspect:
    case TYPE_CODES.dead: {
      const type = code === TYPE_CODES.suspect ? 'suspect' : 'dead';
      const incarnation = r.u32(`${type} incarnation`);
      return { type, incarnation, name: r.str(`${type} name`), from: r.str(`${type} from`) };
    }
    case TYPE_CODES['push-pull']:
      return decodePushPull(r);
    default:
      throw new MalformedMessageError(`unknown message type ${code}`);
  }
}

/** the fewest bytes one push-pull entry takes: two empty strings, incarnation, state */
const MIN_ENTRY_BYTES = 1 + 1 + 4 + 1;

function decodePushPull(r: Reader): PushPullMessage {
  const flags = flag(r.u8('push-pull flags'), 3, 'push-pull flags');
  const seq = r.u32('push-pull seq');
  const source = r.str('push-pull source');
  const sourceAddress = r.str('push-pull source address');
  const count = r.u32('push-pull member count');
  // the count is checked against what is left, so a forged count cannot make us allocate or loop
  if (count * MIN_ENTRY_BYTES > r.remaining) throw new MalformedMessageError(`push-pull claims ${count} members in ${r.remaining} bytes`);
  const members: PushPullEntry[] = [];
  for (let i = 0; i < count; i++) {
    const name = r.str(`push-pull member ${i} name`);
    const address = r.str(`push-pull member ${i} address`);
    const incarnation = r.u32(`push-pull member ${i} incarnation`);
    const code = r.u8(`push-pull member ${i} state`);
    const state = STATES[code];
    if (state === undefined) throw new MalformedMessageError(`push-pull member ${i}: unknown state ${code}`);
    members.push({ name, address, incarnation, state });
  }
  return { type: 'push-pull', join: (flags & 1) !== 0, reply: (flags & 2) !== 0, seq, source, sourceAddress, members };
}

function flag(v: number, max: number, what: string): number {
  if (v > max) throw new MalformedMessageError(`${what}: unknown value ${v}`);
  return v;
}
