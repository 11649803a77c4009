// CRC-32 (IEEE 802.3, the zlib/gzip polynomial) over bytes, for the WAL and
// snapshot checksums. Uses node:zlib's native crc32 where the runtime has it
// (Node >= 20.15) and a table-driven fallback otherwise; both give the same
// values, so files written by one are read by the other.

import * as zlib from 'node:zlib';

type Crc32Fn = (data: Uint8Array, value?: number) => number;

const native = (zlib as { crc32?: Crc32Fn }).crc32;

let table: Uint32Array | undefined;

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/** table-driven CRC-32; exported for the test that checks it against the native one */
export function crc32Portable(data: Uint8Array, value = 0): number {
  table ??= makeTable();
  let c = (value ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 of `data`, continuing from `value` (the CRC of the bytes before it) when given */
export const crc32: Crc32Fn = native ? (data, value = 0) => native(data, value) : crc32Portable;
