// flotctl's gRPC transport (cli/grpc.ts) at its edges: thousands of calls on
// one connection (the server's reset protection must never trip), deadlines,
// a refused connection, trailers-only errors, an oversized message, and a
// watch cancelled by the caller. The daemon is real; the misbehaving servers
// are plain node:http2 servers on loopback.

import assert from 'node:assert/strict';
import { createServer, type Http2Server, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client } from '../../cli/client.js';
import { Channel } from '../../cli/grpc.js';
import { GrpcStatus } from '../../src/lib/grpc-status.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
before(async () => {
  d = await startTestDaemon({ name: 'grpc-edges' });
});
after(async () => {
  await d?.[Symbol.asyncDispose]();
});

/** a loopback HTTP/2 server answering every stream with `respond` */
async function rawServer(respond: (stream: ServerHttp2Stream) => void): Promise<{ address: string; close: () => Promise<void> }> {
  const server: Http2Server = createServer();
  server.on('stream', respond);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

const rejectsWithCode = async (p: Promise<unknown>, code: number, message?: RegExp) => {
  await assert.rejects(p, (err: { code?: number; details?: string }) => {
    assert.equal(err.code, code, `status ${err.code}: ${err.details}`);
    if (message) assert.match(err.details ?? '', message);
    return true;
  });
};

describe('flotctl gRPC transport', () => {
  it('makes 3000 calls on one connection without the server dropping it', async () => {
    const c = new Client(d.address, 10_000);
    try {
      for (let i = 0; i < 3000; i++) {
        const ns = await c.call<{ metadata: { name: string } }>('NamespaceService', 'Get', { name: 'default', namespace: '' });
        assert.equal(ns.metadata.name, 'default');
      }
    } finally {
      c.close();
    }
  });

  it('ends a call the server never answers with DEADLINE_EXCEEDED', async () => {
    const s = await rawServer(() => undefined);
    const ch = new Channel(s.address);
    try {
      await rejectsWithCode(ch.unary('/x.Y/Z', Buffer.alloc(0), { timeoutMs: 200 }), GrpcStatus.DEADLINE_EXCEEDED);
    } finally {
      ch.close();
      await s.close();
    }
  });

  it('reports a refused connection as UNAVAILABLE naming the error', async () => {
    const s = await rawServer(() => undefined);
    const address = s.address;
    await s.close();
    const ch = new Channel(address);
    await rejectsWithCode(ch.unary('/x.Y/Z', Buffer.alloc(0), { timeoutMs: 5_000 }), GrpcStatus.UNAVAILABLE, /ECONNREFUSED/);
    ch.close();
  });

  it('reads a trailers-only error with its percent-encoded message and -bin metadata', async () => {
    const issue = Buffer.from(JSON.stringify({ path: 'spec.x', message: 'bad' })).toString('base64');
    const s = await rawServer((stream) =>
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(GrpcStatus.INVALID_ARGUMENT), 'grpc-message': 'spec.x%3A bad %E2%9C%93', 'flotilla-field-issue-bin': issue }, { endStream: true }),
    );
    const ch = new Channel(s.address);
    try {
      await assert.rejects(ch.unary('/x.Y/Z', Buffer.alloc(0), { timeoutMs: 5_000 }), (err: { code: number; details: string; metadata: { get(k: string): (string | Buffer)[] } }) => {
        assert.equal(err.code, GrpcStatus.INVALID_ARGUMENT);
        assert.equal(err.details, 'spec.x: bad ✓');
        assert.deepEqual(JSON.parse(String(err.metadata.get('flotilla-field-issue-bin')[0])), { path: 'spec.x', message: 'bad' });
        return true;
      });
    } finally {
      ch.close();
      await s.close();
    }
  });

  it('refuses a message over the receive limit with RESOURCE_EXHAUSTED', async () => {
    const s = await rawServer((stream) => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
      const header = Buffer.alloc(5);
      header.writeUInt32BE(2048, 1);
      stream.write(Buffer.concat([header, Buffer.alloc(2048)]));
    });
    const ch = new Channel(s.address, 1024);
    try {
      await rejectsWithCode(ch.unary('/x.Y/Z', Buffer.alloc(0), { timeoutMs: 5_000 }), GrpcStatus.RESOURCE_EXHAUSTED, /larger than max/);
    } finally {
      ch.close();
      await s.close();
    }
  });

  it('reassembles messages split across chunks and several in one chunk, and an 8 MB message', async () => {
    const frame = (body: Buffer) => {
      const h = Buffer.alloc(5);
      h.writeUInt32BE(body.length, 1);
      return Buffer.concat([h, body]);
    };
    const small = [Buffer.from('first'), Buffer.alloc(0), Buffer.from('third message')];
    const big = Buffer.alloc(8 * 1024 * 1024, 7);
    const s = await rawServer((stream) => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      void (async () => {
        // the small ones a few bytes at a time, with pauses so they arrive as separate chunks
        const bytes = Buffer.concat(small.map(frame));
        for (let i = 0; i < bytes.length; i += 3) {
          stream.write(bytes.subarray(i, i + 3));
          await new Promise((r) => setTimeout(r, 2));
        }
        stream.write(Buffer.concat([frame(big), frame(Buffer.from('after'))]));
        stream.end();
      })();
    });
    const ch = new Channel(s.address);
    try {
      const got: Buffer[] = [];
      for await (const m of ch.stream('/x.Y/Watch', Buffer.alloc(0), {})) got.push(m);
      assert.deepEqual(got.map((m) => m.length), [5, 0, 13, big.length, 5]);
      assert.deepEqual(got.slice(0, 3).map(String), ['first', '', 'third message']);
      assert.ok(got[3].equals(big), 'the 8 MB message arrived intact');
      assert.equal(String(got[4]), 'after');
    } finally {
      ch.close();
      await s.close();
    }
  });

  it('stops a watch when the caller aborts, and the connection keeps serving', async () => {
    const c = new Client(d.address, 10_000);
    const ac = new AbortController();
    try {
      let events = 0;
      for await (const ev of c.stream<{ type: string }>('NamespaceService', 'Watch', { resource_version: '' }, ac.signal)) {
        events++;
        assert.ok(ev.type, 'an event type');
        ac.abort();
      }
      assert.ok(events >= 1, 'at least the first event arrived');
      const ns = await c.call<{ metadata: { name: string } }>('NamespaceService', 'Get', { name: 'system', namespace: '' });
      assert.equal(ns.metadata.name, 'system');
    } finally {
      c.close();
    }
  });
});
