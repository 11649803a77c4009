import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OutputTail } from '../../src/modules/output-tail.js';

describe('output tail', () => {
  it('keeps everything below the limit', () => {
    const t = new OutputTail(10);
    t.push(Buffer.from('abc'));
    t.push(Buffer.from('def'));
    assert.equal(t.text(), 'abcdef');
    assert.equal(t.dropped, 0);
  });

  it('keeps the last bytes across chunks and says how many were dropped', () => {
    const t = new OutputTail(5);
    for (const c of ['abc', 'defg', 'hi']) t.push(Buffer.from(c));
    assert.equal(t.text(), '… 4 bytes dropped\nefghi');
    const big = new OutputTail(4);
    big.push(Buffer.from('0123456789'));
    big.push(Buffer.from('ab'));
    assert.equal(big.text(), '… 8 bytes dropped\n89ab');
  });

  it('does not start the tail inside a multi-byte character', () => {
    const t = new OutputTail(4);
    t.push(Buffer.from('xxé€')); // é is 2 bytes, € is 3: the tail cuts é in half
    assert.equal(t.text(), '… 4 bytes dropped\n€');
  });
});
