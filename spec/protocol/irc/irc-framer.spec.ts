import { expect } from 'chai';
import fc from 'fast-check';
import { IrcFramer, type IrcLineEncoding, type IrcLineRejection } from '../../../lib/protocol/irc/irc-framer.js';
import { IRC_CLIENT_LINE_BYTES } from '../../../lib/protocol/irc/limits.js';

type FramerEvent = ['line', string, IrcLineEncoding] | ['reject', IrcLineRejection, number];

function feed(chunks: readonly Buffer[], maxLineBytes?: number): { events: FramerEvent[]; pending: number } {
  const events: FramerEvent[] = [];
  const framer = new IrcFramer(
    {
      onLine: (line, encoding) => events.push(['line', line, encoding]),
      onReject: (reason, bytes) => events.push(['reject', reason, bytes]),
    },
    maxLineBytes === undefined ? {} : { maxLineBytes },
  );
  for (const chunk of chunks) framer.push(chunk);
  return { events, pending: framer.pendingBytes };
}

/** Bytes from text (UTF-8) and raw byte values. */
function bytes(...parts: (string | number)[]): Buffer {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from([part]))));
}

function cutAt(input: Buffer, cuts: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  for (const cut of [...cuts, input.length]) {
    chunks.push(input.subarray(start, cut));
    start = cut;
  }
  return chunks;
}

const utf8 = (line: string): FramerEvent => ['line', line, 'utf-8'];
const cp1252 = (line: string): FramerEvent => ['line', line, 'windows-1252'];
const reject = (reason: IrcLineRejection, count: number): FramerEvent => ['reject', reason, count];

interface Case {
  name: string;
  input: Buffer;
  events: FramerEvent[];
  maxLineBytes?: number;
}

const cases: Case[] = [
  { name: 'CRLF-terminated lines', input: bytes('NICK alice\r\nUSER a 0 * :Alice\r\n'), events: [utf8('NICK alice'), utf8('USER a 0 * :Alice')] },
  { name: 'LF-terminated lines', input: bytes('PING a\nPING b\n'), events: [utf8('PING a'), utf8('PING b')] },
  { name: 'CR-terminated lines', input: bytes('PING a\rPING b\r'), events: [utf8('PING a'), utf8('PING b')] },
  { name: 'mixed line ends', input: bytes('A\r\nB\nC\rD\n\rE\r\n'), events: ['A', 'B', 'C', 'D', 'E'].map(utf8) },
  { name: 'empty lines, ignored', input: bytes('\r\n\n\r\r\nPING x\r\n\r\n'), events: [utf8('PING x')] },
  { name: 'a line of spaces, kept for the parser', input: bytes('   \r\n'), events: [utf8('   ')] },
  { name: 'a line without its end yet', input: bytes('PING a\r\nPRIVMSG #a :half'), events: [utf8('PING a')] },
  { name: 'UTF-8 text', input: bytes('PRIVMSG #a :привет 😀 漢字\r\n'), events: [utf8('PRIVMSG #a :привет 😀 漢字')] },
  { name: 'a U+FFFD the client really sent', input: bytes('PRIVMSG #a :\uFFFD\r\n'), events: [utf8('PRIVMSG #a :\uFFFD')] },
  {
    name: 'latin-1 text (an é as one byte)',
    input: bytes('PRIVMSG #a :caf', 0xe9, '\r\n'),
    events: [cp1252('PRIVMSG #a :café')],
  },
  {
    name: 'windows-1252 punctuation (euro sign and curly quotes)',
    input: bytes('PRIVMSG #a :', 0x80, ' ', 0x93, 'x', 0x94, '\r\n'),
    events: [cp1252('PRIVMSG #a :€ “x”')],
  },
  {
    name: 'a truncated UTF-8 sequence, read as windows-1252',
    input: bytes('PRIVMSG #a :', 0xd0, '\r\n'),
    events: [cp1252('PRIVMSG #a :Ð')],
  },
  {
    name: 'each line judged alone',
    input: bytes('PRIVMSG #a :', 0xe9, '\r\nPRIVMSG #a :é\r\n'),
    events: [cp1252('PRIVMSG #a :é'), utf8('PRIVMSG #a :é')],
  },
  {
    name: 'a NUL refuses its line and no other',
    input: bytes('PRIVMSG #a :x', 0x00, 'y\r\nPING z\r\n'),
    events: [reject('nul', 15), utf8('PING z')],
  },
  { name: 'a lone NUL line', input: bytes(0x00, '\n'), events: [reject('nul', 1)] },
  { name: 'a line at the limit', input: bytes('x'.repeat(16), '\r\n'), events: [utf8('x'.repeat(16))], maxLineBytes: 16 },
  {
    name: 'a line over the limit, counted and refused once',
    input: bytes('x'.repeat(40), '\r\nPING ok\r\n'),
    events: [reject('too-long', 40), utf8('PING ok')],
    maxLineBytes: 16,
  },
  {
    name: 'an over-long line with a NUL: too long wins',
    input: bytes('x'.repeat(20), 0x00, '\n'),
    events: [reject('too-long', 21)],
    maxLineBytes: 16,
  },
];

describe('IRC framer', function () {
  for (const { name, input, events, maxLineBytes } of cases) {
    describe(name, function () {
      it('whole', function () {
        expect(feed([input], maxLineBytes).events).to.deep.equal(events);
      });
      it('byte by byte', function () {
        const cuts = Array.from({ length: input.length }, (_, i) => i);
        expect(feed(cutAt(input, cuts), maxLineBytes).events).to.deep.equal(events);
      });
      it('split at every offset', function () {
        for (let cut = 0; cut <= input.length; cut++) {
          expect(feed(cutAt(input, [cut]), maxLineBytes).events, `cut at ${cut}`).to.deep.equal(events);
        }
      });
    });
  }

  it('takes lines up to 4096 bytes of tags plus 510 of message by default', function () {
    expect(IRC_CLIENT_LINE_BYTES).to.equal(4606);
    const atLimit = 'x'.repeat(IRC_CLIENT_LINE_BYTES);
    expect(feed([bytes(atLimit, '\r\n')]).events).to.deep.equal([utf8(atLimit)]);
    expect(feed([bytes(`${atLimit}y\r\n`)]).events).to.deep.equal([reject('too-long', IRC_CLIENT_LINE_BYTES + 1)]);
  });

  it('decodes every byte a windows-1252 client can send', function () {
    // From the windows-1252 table: 0x80-0x9f differ from latin-1, the five unassigned stay C1.
    const high = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';
    let latin1 = '';
    for (let code = 0xa0; code <= 0xff; code++) latin1 += String.fromCharCode(code);
    const allHigh = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
    expect(feed([Buffer.concat([allHigh, bytes('\n')])]).events).to.deep.equal([cp1252(high + latin1)]);
  });

  it('holds nothing for a line over the limit, however long it runs', function () {
    const { events, pending } = feed(Array.from({ length: 100 }, () => bytes('x'.repeat(1000))));
    expect(events).to.deep.equal([]);
    expect(pending).to.equal(0);
  });

  it('holds the unfinished part of a line', function () {
    expect(feed([bytes('PING a\r\nPRIV')]).pending).to.equal(4);
  });

  it('refuses a limit that is not a positive integer', function () {
    for (const maxLineBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => feed([], maxLineBytes)).to.throw(RangeError);
    }
  });

  it('gives the same events however the bytes are cut', function () {
    const interesting = fc.constantFrom(0x0a, 0x0d, 0x00, 0x20, 0x3a, 0xe9, 0xd0, 0xb6, 0xf0, 0x9f, 0x80);
    const input = fc
      .array(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 255 }), weight: 2 }, { arbitrary: interesting, weight: 3 }), { maxLength: 120 })
      .map((values) => Buffer.from(values));
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 8 }), (data, rawCuts) => {
        const cuts = [...new Set(rawCuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b);
        const whole = feed([data], 24);
        const pieces = feed(cutAt(data, cuts), 24);
        expect(pieces).to.deep.equal(whole);
        for (const event of whole.events) {
          if (event[0] === 'line') {
            expect(event[1]).to.not.equal('');
            expect(event[1]).to.not.match(/[\0\r\n]/);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
