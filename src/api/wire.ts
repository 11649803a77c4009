// Protocol Buffers wire encoding driven by the compact descriptor that
// `npm run gen` writes (generated/descriptor.ts), for flotctl's light gRPC
// client. Objects have exactly the shape @grpc/proto-loader gives with
// LOADER_OPTIONS (keepCase, longs and enums as strings, defaults filled in,
// oneofs named), so code written against the generated types works with
// either; test/api/wire.test.ts checks both directions against proto-loader.
//
// Why not proto-loader here: parsing the .proto text and building protobufjs
// reflection costs flotctl ~60 ms per invocation, more than the whole no-op
// run it starts. This codec reads a plain object literal and does nothing
// until a message is encoded.

export interface WireField {
  readonly name: string;
  readonly id: number;
  /** a scalar type name, or the full name of a message or enum */
  readonly type: string;
  readonly enum?: boolean;
  readonly repeated?: boolean;
  /** set for map fields: the key's scalar type */
  readonly keyType?: string;
  /** the oneof this field belongs to */
  readonly oneof?: string;
}

export interface WireDescriptor {
  readonly messages: Readonly<Record<string, readonly WireField[]>>;
  readonly enums: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** service -> method -> [request type, response type, server streaming] */
  readonly services: Readonly<Record<string, Readonly<Record<string, readonly [string, string, boolean]>>>>;
}

type Obj = Record<string, unknown>;

const VARINT = 0;
const FIXED64 = 1;
const LENGTH = 2;
const FIXED32 = 5;

const WIRE_TYPE: Record<string, number> = {
  double: FIXED64,
  fixed64: FIXED64,
  sfixed64: FIXED64,
  float: FIXED32,
  fixed32: FIXED32,
  sfixed32: FIXED32,
  int32: VARINT,
  int64: VARINT,
  uint32: VARINT,
  uint64: VARINT,
  sint32: VARINT,
  sint64: VARINT,
  bool: VARINT,
  string: LENGTH,
  bytes: LENGTH,
};
const LONG = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

export class WireError extends Error {}

class Writer {
  #buf = Buffer.allocUnsafe(256);
  #len = 0;

  #room(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + n));
    this.#buf.copy(next, 0, 0, this.#len);
    this.#buf = next;
  }

  varint(n: number): void {
    this.#room(10);
    while (n > 0x7f) {
      this.#buf[this.#len++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.#buf[this.#len++] = n;
  }

  bigVarint(n: bigint): void {
    let v = BigInt.asUintN(64, n);
    this.#room(10);
    while (v > 0x7fn) {
      this.#buf[this.#len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.#buf[this.#len++] = Number(v);
  }

  tag(id: number, wire: number): void {
    this.varint(id * 8 + wire);
  }

  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.#room(b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
  }

  fixed(size: 4 | 8, write: (b: Buffer, at: number) => void): void {
    this.#room(size);
    write(this.#buf, this.#len);
    this.#len += size;
  }

  finish(): Buffer {
    return this.#buf.subarray(0, this.#len);
  }
}

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
    readonly end = buf.length,
  ) {}

  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new WireError('varint longer than 10 bytes');
  }

  bigVarint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    throw new WireError('varint longer than 10 bytes');
  }

  take(n: number): number {
    const at = this.pos;
    if (n < 0 || at + n > this.end) throw new WireError('truncated message');
    this.pos += n;
    return at;
  }

  skip(wire: number): void {
    if (wire === VARINT) this.varint();
    else if (wire === FIXED64) this.take(8);
    else if (wire === FIXED32) this.take(4);
    else if (wire === LENGTH) this.take(this.varint());
    else throw new WireError(`unsupported wire type ${wire}`);
  }
}

/** Encodes and decodes the messages of one descriptor. */
export class WireCodec {
  readonly #fieldsById = new Map<string, Map<number, WireField>>();
  readonly #enumNames = new Map<string, Map<number, string>>();

  constructor(readonly descriptor: WireDescriptor) {}

  /** the request and response types of `service.method`, and whether it streams responses */
  method(service: string, method: string): readonly [string, string, boolean] {
    const m = this.descriptor.services[service]?.[method];
    if (!m) throw new WireError(`no method ${service}/${method} in the API descriptor`);
    return m;
  }

  encode(type: string, obj: unknown): Buffer {
    const w = new Writer();
    this.#encodeMessage(w, type, (obj ?? {}) as Obj);
    return w.finish();
  }

  decode(type: string, buf: Buffer): Obj {
    return this.#decodeMessage(new Reader(buf), type);
  }

  #fields(type: string): readonly WireField[] {
    const f = this.descriptor.messages[type];
    if (!f) throw new WireError(`no message ${type} in the API descriptor`);
    return f;
  }

  #encodeMessage(w: Writer, type: string, obj: Obj): void {
    for (const f of this.#fields(type)) {
      const v = obj[f.name];
      if (v === undefined || v === null) continue;
      if (f.keyType !== undefined) {
        for (const [k, x] of Object.entries(v as Obj)) {
          if (x === undefined || x === null) continue;
          const entry = new Writer();
          this.#encodeValue(entry, 1, f.keyType, k, true);
          this.#encodeValue(entry, 2, f.type, x, true, f.enum);
          w.tag(f.id, LENGTH);
          w.bytes(entry.finish());
        }
      } else if (f.repeated) {
        const list = v as unknown[];
        const wire = f.enum ? VARINT : WIRE_TYPE[f.type];
        if (wire !== undefined && wire !== LENGTH) {
          if (list.length === 0) continue;
          const packed = new Writer();
          for (const x of list) this.#scalar(packed, f.type, x, f.enum);
          w.tag(f.id, LENGTH);
          w.bytes(packed.finish());
        } else {
          for (const x of list) this.#encodeValue(w, f.id, f.type, x ?? (f.type in WIRE_TYPE ? defaultScalar(f.type) : {}), true, f.enum);
        }
      } else {
        this.#encodeValue(w, f.id, f.type, v, f.oneof !== undefined, f.enum);
      }
    }
  }

  /** one field value; `always` writes proto3 defaults too (oneof members, map entries, list items) */
  #encodeValue(w: Writer, id: number, type: string, v: unknown, always: boolean, isEnum?: boolean): void {
    const wire = isEnum ? VARINT : WIRE_TYPE[type];
    if (wire === undefined) {
      const sub = new Writer();
      this.#encodeMessage(sub, type, (v ?? {}) as Obj);
      w.tag(id, LENGTH);
      w.bytes(sub.finish());
      return;
    }
    if (!always && isDefault(type, v, isEnum, isEnum ? this.#enumNumber(type, v) : 0)) return;
    w.tag(id, wire);
    this.#scalar(w, type, v, isEnum);
  }

  #enumNumber(type: string, v: unknown): number {
    if (typeof v === 'number') return v;
    const n = this.descriptor.enums[type]?.[String(v)];
    if (n === undefined) throw new WireError(`${String(v)} is not a value of ${type}`);
    return n;
  }

  #scalar(w: Writer, type: string, v: unknown, isEnum?: boolean): void {
    if (isEnum) {
      const n = this.#enumNumber(type, v);
      if (n < 0) w.bigVarint(BigInt(n));
      else w.varint(n);
      return;
    }
    switch (type) {
      case 'string':
        w.bytes(Buffer.from(String(v), 'utf8'));
        return;
      case 'bytes':
        w.bytes(typeof v === 'string' ? Buffer.from(v, 'base64') : (v as Uint8Array));
        return;
      case 'bool':
        w.varint(v ? 1 : 0);
        return;
      case 'double':
        w.fixed(8, (b, at) => b.writeDoubleLE(Number(v), at));
        return;
      case 'float':
        w.fixed(4, (b, at) => b.writeFloatLE(Number(v), at));
        return;
      case 'fixed32':
        w.fixed(4, (b, at) => b.writeUInt32LE(Number(v) >>> 0, at));
        return;
      case 'sfixed32':
        w.fixed(4, (b, at) => b.writeInt32LE(Number(v) | 0, at));
        return;
      case 'fixed64':
      case 'sfixed64':
        w.fixed(8, (b, at) => b.writeBigUInt64LE(BigInt.asUintN(64, toBigInt(v)), at));
        return;
      case 'sint32':
      case 'sint64': {
        const n = toBigInt(v);
        w.bigVarint(n >= 0n ? n * 2n : -n * 2n - 1n);
        return;
      }
      case 'int32': {
        const n = Number(v) | 0;
        if (n < 0) w.bigVarint(BigInt(n));
        else w.varint(n);
        return;
      }
      case 'uint32':
        w.varint(Number(v) >>> 0);
        return;
      default:
        // int64, uint64
        w.bigVarint(toBigInt(v));
    }
  }

  #byId(type: string): Map<number, WireField> {
    let m = this.#fieldsById.get(type);
    if (!m) {
      m = new Map(this.#fields(type).map((f) => [f.id, f]));
      this.#fieldsById.set(type, m);
    }
    return m;
  }

  #decodeMessage(r: Reader, type: string): Obj {
    const out: Obj = {};
    const fields = this.#fields(type);
    for (const f of fields) {
      if (f.oneof !== undefined) continue;
      out[f.name] = f.keyType !== undefined ? {} : f.repeated ? [] : this.#default(f);
    }
    const byId = this.#byId(type);
    while (r.pos < r.end) {
      const key = r.varint();
      const id = Math.floor(key / 8);
      const wire = key & 7;
      const f = byId.get(id);
      if (!f) {
        r.skip(wire);
        continue;
      }
      if (f.keyType !== undefined) {
        const n = r.varint();
        const at = r.take(n);
        const entry = new Reader(r.buf, at, at + n);
        let k: unknown = defaultScalar(f.keyType);
        let v: unknown = f.enum || f.type in WIRE_TYPE ? this.#default(f) : null;
        while (entry.pos < entry.end) {
          const ek = entry.varint();
          if (ek >>> 3 === 1) k = this.#readValue(entry, f.keyType, ek & 7, false);
          else if (ek >>> 3 === 2) v = this.#readValue(entry, f.type, ek & 7, f.enum);
          else entry.skip(ek & 7);
        }
        (out[f.name] as Obj)[String(k)] = v;
      } else if (f.repeated) {
        const list = out[f.name] as unknown[];
        if (wire === LENGTH && (f.enum || (f.type in WIRE_TYPE && WIRE_TYPE[f.type] !== LENGTH))) {
          const n = r.varint();
          const at = r.take(n);
          const packed = new Reader(r.buf, at, at + n);
          while (packed.pos < packed.end) list.push(this.#readValue(packed, f.type, f.enum ? VARINT : WIRE_TYPE[f.type], f.enum));
        } else {
          list.push(this.#readValue(r, f.type, wire, f.enum));
        }
      } else {
        out[f.name] = this.#readValue(r, f.type, wire, f.enum);
        if (f.oneof !== undefined) {
          const prev = out[f.oneof];
          if (typeof prev === 'string' && prev !== f.name) delete out[prev];
          out[f.oneof] = f.name;
        }
      }
    }
    return out;
  }

  #default(f: WireField): unknown {
    if (f.enum) return this.#enumName(f.type, 0);
    if (f.type in WIRE_TYPE) return defaultScalar(f.type);
    return null;
  }

  #enumName(type: string, n: number): string | number {
    let names = this.#enumNames.get(type);
    if (!names) {
      names = new Map();
      for (const [k, v] of Object.entries(this.descriptor.enums[type] ?? {})) if (!names.has(v)) names.set(v, k);
      this.#enumNames.set(type, names);
    }
    return names.get(n) ?? n;
  }

  #readValue(r: Reader, type: string, wire: number, isEnum?: boolean): unknown {
    if (isEnum) return this.#enumName(type, Number(BigInt.asIntN(32, r.bigVarint())));
    const expected = WIRE_TYPE[type] ?? LENGTH;
    if (wire !== expected) throw new WireError(`wire type ${wire} for a ${type} field`);
    switch (type) {
      case 'string': {
        const n = r.varint();
        const at = r.take(n);
        return r.buf.toString('utf8', at, at + n);
      }
      case 'bytes': {
        const n = r.varint();
        const at = r.take(n);
        return Buffer.from(r.buf.subarray(at, at + n));
      }
      case 'bool':
        return r.varint() !== 0;
      case 'double':
        return r.buf.readDoubleLE(r.take(8));
      case 'float':
        return r.buf.readFloatLE(r.take(4));
      case 'fixed32':
        return r.buf.readUInt32LE(r.take(4));
      case 'sfixed32':
        return r.buf.readInt32LE(r.take(4));
      case 'fixed64':
        return r.buf.readBigUInt64LE(r.take(8)).toString();
      case 'sfixed64':
        return r.buf.readBigInt64LE(r.take(8)).toString();
      case 'int32':
        return Number(BigInt.asIntN(32, r.bigVarint()));
      case 'uint32':
        return Number(BigInt.asUintN(32, r.bigVarint()));
      case 'int64':
        return BigInt.asIntN(64, r.bigVarint()).toString();
      case 'uint64':
        return r.bigVarint().toString();
      case 'sint32':
      case 'sint64': {
        const z = r.bigVarint();
        const n = z & 1n ? -(z >> 1n) - 1n : z >> 1n;
        return type === 'sint32' ? Number(n) : n.toString();
      }
      default: {
        const n = r.varint();
        const at = r.take(n);
        return this.#decodeMessage(new Reader(r.buf, at, at + n), type);
      }
    }
  }
}

function defaultScalar(type: string): unknown {
  if (type === 'string') return '';
  if (type === 'bool') return false;
  if (type === 'bytes') return Buffer.alloc(0);
  return LONG.has(type) ? '0' : 0;
}

function isDefault(type: string, v: unknown, isEnum: boolean | undefined, enumNumber: number): boolean {
  if (isEnum) return enumNumber === 0;
  if (type === 'string') return v === '';
  if (type === 'bool') return !v;
  if (type === 'bytes') return (v as Uint8Array).length === 0;
  if (LONG.has(type)) return toBigInt(v) === 0n;
  return Number(v) === 0 && !Object.is(Number(v), -0);
}

function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new WireError(`${v} is not an integer`);
    return BigInt(v);
  }
  try {
    return BigInt(String(v));
  } catch {
    throw new WireError(`${String(v)} is not an integer`);
  }
}
