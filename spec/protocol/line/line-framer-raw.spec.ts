import { expect } from 'chai';
import { LineFramer } from '../../../lib/protocol/line/line-framer.js';
import { TELNET } from '../../../lib/protocol/line/telnet-codes.js';

const { IAC } = TELNET;
const NUL = 0x00;
const BS = 0x08;
const DEL = 0x7f;

function bytes(...parts: (string | number)[]): Buffer {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from([part]))));
}

describe('LineFramer raw bytes (file uploads)', () => {
  type RawEvent = ['line', string] | ['raw', string] | ['rawEnd'];

  /** A framer that reads N raw bytes after each line `RAW N`; raw pieces are merged, in hex. */
  function feedRaw(input: Buffer, cuts: readonly number[]): RawEvent[] {
    const events: RawEvent[] = [];
    const framer: LineFramer = new LineFramer(
      { maxLineBytes: 64 },
      {
        onLine: (text) => {
          events.push(['line', text]);
          const match = /^RAW (\d+)$/.exec(text);
          if (match) framer.readRaw(Number(match[1]));
        },
        onTooLong: () => undefined,
        onRaw: (chunk) => {
          const last = events.at(-1);
          if (last?.[0] === 'raw') last[1] += chunk.toString('hex');
          else events.push(['raw', chunk.toString('hex')]);
        },
        onRawEnd: () => events.push(['rawEnd']),
      },
    );
    let start = 0;
    for (const cut of [...cuts, input.length]) {
      framer.push(input.subarray(start, cut));
      start = cut;
    }
    return events;
  }

  const payload = Buffer.from([0x0d, 0x0a, IAC, IAC, NUL, BS, DEL, 0x0a, 0x41, 0xc3]);
  const input = Buffer.concat([
    bytes('before\r\nRAW 10\r\n'),
    payload,
    bytes('after\nRAW 2\n', IAC, 0x0a, 'end\r', 'RAW 1\r\n', 0x0a, 'last\n'),
  ]);
  const expected: RawEvent[] = [
    ['line', 'before'],
    ['line', 'RAW 10'],
    ['raw', payload.toString('hex')],
    ['rawEnd'],
    ['line', 'after'],
    ['line', 'RAW 2'],
    ['raw', 'ff0a'],
    ['rawEnd'],
    ['line', 'end'],
    ['line', 'RAW 1'],
    ['raw', '0a'],
    ['rawEnd'],
    ['line', 'last'],
  ];

  it('hands over exactly the bytes asked for, telnet bytes and line ends included, then reads lines again', () => {
    expect(feedRaw(input, [])).to.deep.equal(expected);
  });

  it('gives the same result byte by byte and split at every offset', () => {
    expect(feedRaw(input, Array.from({ length: input.length }, (_, i) => i))).to.deep.equal(expected);
    for (let cut = 0; cut <= input.length; cut++) expect(feedRaw(input, [cut]), `cut at ${cut}`).to.deep.equal(expected);
  });

  it('refuses to start raw bytes in the middle of a line or for a count that is not positive', () => {
    const framer = new LineFramer({ maxLineBytes: 64 }, { onLine: () => undefined, onTooLong: () => undefined });
    expect(() => {
      framer.readRaw(0);
    }).to.throw(RangeError);
    framer.push(bytes('half a line'));
    expect(() => {
      framer.readRaw(3);
    }).to.throw(/between lines/);
  });
});
