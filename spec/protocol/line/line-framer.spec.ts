import { expect } from 'chai';
import fc from 'fast-check';
import { LineFramer } from '../../../lib/protocol/line/line-framer.js';
import { TELNET } from '../../../lib/protocol/line/telnet-codes.js';
import { hostileBytes } from '../../helpers/arbitraries.js';

const { IAC, SB, SE, WILL, WONT, DO, DONT, IP, AO, BRK, EC, EL, NOP, AYT, GA } = TELNET;
const NUL = 0x00;
const BS = 0x08;
const DEL = 0x7f;

type FramerEvent = ['line', string] | ['tooLong', number] | ['telnet', number, number | undefined];

interface Recorder {
  framer: LineFramer;
  events: FramerEvent[];
  lines(): string[];
  /** pendingBytes after every push */
  pendingHistory: number[];
  push(chunk: Buffer): void;
}

function record(maxLineBytes = 4096): Recorder {
  const events: FramerEvent[] = [];
  const pendingHistory: number[] = [];
  const framer = new LineFramer(
    { maxLineBytes },
    {
      onLine: (text) => events.push(['line', text]),
      onTooLong: (bytes) => events.push(['tooLong', bytes]),
      onTelnet: (command, option) => events.push(['telnet', command, option]),
    },
  );
  return {
    framer,
    events,
    pendingHistory,
    lines: () => events.flatMap((event) => (event[0] === 'line' ? [event[1]] : [])),
    push(chunk) {
      framer.push(chunk);
      pendingHistory.push(framer.pendingBytes);
    },
  };
}

/** Bytes from a mix of text (UTF-8 encoded) and raw byte values. */
function bytes(...parts: (string | number)[]): Buffer {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from([part]))));
}

function feedInChunks(input: Buffer, cuts: readonly number[], maxLineBytes?: number): Recorder {
  const recorder = record(maxLineBytes);
  let start = 0;
  for (const cut of [...cuts, input.length]) {
    recorder.push(input.subarray(start, cut));
    start = cut;
  }
  return recorder;
}

function feedWhole(input: Buffer, maxLineBytes?: number): Recorder {
  return feedInChunks(input, [], maxLineBytes);
}

function feedByteByByte(input: Buffer, maxLineBytes?: number): Recorder {
  return feedInChunks(
    input,
    Array.from({ length: input.length }, (_, i) => i),
    maxLineBytes,
  );
}

interface Case {
  name: string;
  input: Buffer;
  events: FramerEvent[];
}

const line = (text: string): FramerEvent => ['line', text];
const telnet = (command: number, option?: number): FramerEvent => ['telnet', command, option];

const cases: Case[] = [
  { name: 'LF-terminated lines', input: bytes('hello\nworld\n'), events: [line('hello'), line('world')] },
  { name: 'CRLF-terminated lines', input: bytes('hello\r\nworld\r\n'), events: [line('hello'), line('world')] },
  { name: 'CR NUL-terminated lines', input: bytes('hello\r', NUL, 'world\r', NUL), events: [line('hello'), line('world')] },
  { name: 'a lone CR followed by text', input: bytes('one\rtwo\n'), events: [line('one'), line('two')] },
  { name: 'mixed line endings', input: bytes('a\nb\r\nc\r', NUL, 'd\re\n'), events: ['a', 'b', 'c', 'd', 'e'].map(line) },
  { name: 'empty lines', input: bytes('\n\r\n\r', NUL, '\n'), events: [line(''), line(''), line(''), line('')] },
  { name: 'CR CR LF as two lines', input: bytes('x\r\r\n'), events: [line('x'), line('')] },
  { name: 'a NUL inside a line', input: bytes('a', NUL, 'b\n'), events: [line('a\u0000b')] },
  { name: 'Cyrillic text', input: bytes('привет, мир\r\n'), events: [line('привет, мир')] },
  { name: 'emoji and CJK', input: bytes('😀 👍🏽 漢字\n'), events: [line('😀 👍🏽 漢字')] },
  {
    name: 'telnet negotiation around text',
    input: bytes(IAC, DO, 1, 'hi', IAC, WILL, 3, IAC, WONT, 34, IAC, DONT, 31, '\r\n'),
    events: [telnet(DO, 1), telnet(WILL, 3), telnet(WONT, 34), telnet(DONT, 31), line('hi')],
  },
  {
    name: 'two-byte telnet commands that do not touch the line',
    input: bytes('a', IAC, NOP, 'b', IAC, AYT, 'c', IAC, GA, '\n'),
    events: [telnet(NOP), telnet(AYT), telnet(GA), line('abc')],
  },
  { name: 'IAC IAC as a (lone, so invalid) 0xff byte', input: bytes('a', IAC, IAC, 'b\n'), events: [line('a\uFFFDb')] },
  {
    name: 'a subnegotiation (terminal type)',
    input: bytes(IAC, SB, 24, 0, 'xterm-256color', IAC, SE, 'ok\n'),
    events: [telnet(SB, 24), line('ok')],
  },
  {
    name: 'a subnegotiation with an escaped IAC and line-end bytes inside',
    input: bytes('x', IAC, SB, 31, 0, IAC, IAC, 0x0a, 0x0d, 0x08, IAC, SE, 'y\n'),
    events: [telnet(SB, 31), line('xy')],
  },
  {
    name: 'a subnegotiation cut short by another command',
    input: bytes(IAC, SB, 24, 1, IAC, WILL, 1, 'z\n'),
    events: [telnet(SB, 24), telnet(WILL, 1), line('z')],
  },
  { name: 'IAC IP (Ctrl+C) in the middle of typing', input: bytes('abc', IAC, IP, 'def\n'), events: [telnet(IP), line('def')] },
  { name: 'IAC AO discarding the line', input: bytes('abc', IAC, AO, 'x\n'), events: [telnet(AO), line('x')] },
  { name: 'IAC BRK discarding the line', input: bytes('abc', IAC, BRK, 'y\n'), events: [telnet(BRK), line('y')] },
  { name: 'IAC EC erasing a character', input: bytes('abc', IAC, EC, 'd\n'), events: [telnet(EC), line('abd')] },
  { name: 'IAC EL erasing the line', input: bytes('abc', IAC, EL, 'ok\n'), events: [telnet(EL), line('ok')] },
  {
    name: 'a telnet command between CR and LF',
    input: bytes('a\r', IAC, NOP, '\nb\n'),
    events: [line('a'), telnet(NOP), line('b')],
  },
  { name: 'backspace editing', input: bytes('hepp', BS, BS, 'llo\r\n'), events: [line('hello')] },
  { name: 'DEL editing', input: bytes('cat', DEL, 'r\n'), events: [line('car')] },
  { name: 'backspace erasing a Cyrillic letter', input: bytes('дом', BS, 'ым\n'), events: [line('доым')] },
  { name: 'backspace erasing an emoji (4 bytes)', input: bytes('ok😀', DEL, '!\n'), events: [line('ok!')] },
  { name: 'backspace at the start of a line', input: bytes(BS, DEL, BS, 'x\n', BS, '\n'), events: [line('x'), line('')] },
  { name: 'backspace erasing everything and more', input: bytes('ab', BS, BS, BS, 'c\n'), events: [line('c')] },
  { name: 'backspace right after a line end', input: bytes('a\r', BS, 'b\n'), events: [line('a'), line('b')] },
  {
    name: 'backspace erasing a stray continuation byte alone',
    input: bytes('a', 0xd0, 0xb4, 0xb4, BS, '\n'),
    events: [line('aд')],
  },
  { name: 'invalid UTF-8', input: bytes(0xc3, 0x28, 0x80, '\n', 0xed, 0xa0, 0x80, '\n'), events: [line('\uFFFD(\uFFFD'), line('\uFFFD\uFFFD\uFFFD')] },
  { name: 'a truncated multibyte character before the line end', input: bytes('a', 0xe2, 0x82, '\n'), events: [line('a\uFFFD')] },
  { name: 'text without a line end', input: bytes('done\npartial'), events: [line('done')] },
];

describe('LineFramer', () => {
  describe('gives the same result however the bytes are split', () => {
    for (const { name, input, events } of cases) {
      it(`frames ${name}`, () => {
        expect(feedWhole(input).events, 'fed whole').to.deep.equal(events);
        expect(feedByteByByte(input).events, 'fed byte by byte').to.deep.equal(events);
        for (let cut = 0; cut <= input.length; cut++) {
          expect(feedInChunks(input, [cut]).events, `split at ${cut}`).to.deep.equal(events);
        }
      });
    }
  });

  describe('line endings', () => {
    it('does not deliver an extra empty line when CR and LF arrive in separate packets', () => {
      const recorder = record();
      recorder.push(bytes('hello\r'));
      expect(recorder.lines()).to.deep.equal(['hello']);
      recorder.push(bytes('\n'));
      recorder.push(bytes('world\r'));
      recorder.push(bytes(NUL));
      expect(recorder.lines()).to.deep.equal(['hello', 'world']);
    });

    it('delivers a line ended by a lone CR without waiting for the next byte', () => {
      const recorder = record();
      recorder.push(bytes('hello\r'));
      expect(recorder.lines()).to.deep.equal(['hello']);
      expect(recorder.framer.pendingBytes).to.equal(0);
    });

    it('keeps an unfinished line pending until its end arrives', () => {
      const recorder = record();
      recorder.push(bytes('hel'));
      recorder.push(bytes('lo'));
      expect(recorder.lines()).to.deep.equal([]);
      expect(recorder.framer.pendingBytes).to.equal(5);
      recorder.push(bytes('\n'));
      expect(recorder.lines()).to.deep.equal(['hello']);
      expect(recorder.framer.pendingBytes).to.equal(0);
    });

    it('delivers many lines from one large packet in order', () => {
      const expected = Array.from({ length: 5000 }, (_, i) => `message number ${i}`);
      const recorder = record();
      recorder.push(Buffer.from(expected.map((text) => `${text}\r\n`).join(''), 'utf8'));
      expect(recorder.lines()).to.deep.equal(expected);
    });
  });

  describe('telnet', () => {
    it('notices a line ended with CR, as telnet in line mode sends them (nc sends LF)', () => {
      const lf = record();
      lf.push(bytes('one\ntwo\n'));
      expect(lf.framer.endsLinesWithCr).to.equal(false);
      for (const ending of ['\r\n', '\r\0', '\r']) {
        const cr = record();
        cr.push(bytes(`one${ending}`));
        expect(cr.framer.endsLinesWithCr, JSON.stringify(ending)).to.equal(true);
      }
    });

    it('recognises a telnet peer by its first IAC', () => {
      const recorder = record();
      recorder.push(bytes('plain text\n'));
      expect(recorder.framer.isTelnet).to.equal(false);
      recorder.push(bytes(IAC));
      expect(recorder.framer.isTelnet).to.equal(true);
      recorder.push(bytes(WILL, 24));
      expect(recorder.events).to.deep.equal([line('plain text'), telnet(WILL, 24)]);
    });

    it('works without a telnet handler', () => {
      const lines: string[] = [];
      const framer = new LineFramer({ maxLineBytes: 100 }, { onLine: (text) => lines.push(text), onTooLong: () => undefined });
      framer.push(bytes(IAC, DO, 1, IAC, SB, 24, 1, IAC, SE, 'ab', IAC, IP, 'hi', IAC, EC, 'i\n'));
      expect(lines).to.deep.equal(['hi']);
    });

    it('discards a line typed one character at a time when Ctrl+C (IAC IP) arrives', () => {
      const recorder = feedByteByByte(bytes('rm -rf', IAC, IP, 'ls\r\n'));
      expect(recorder.events).to.deep.equal([telnet(IP), line('ls')]);
    });

    it('swallows a long subnegotiation without buffering it', () => {
      const recorder = record(16);
      recorder.push(bytes(IAC, SB, 24, 'x'.repeat(10_000)));
      expect(recorder.framer.pendingBytes).to.equal(0);
      recorder.push(bytes(IAC, SE, 'hi\n'));
      expect(recorder.events).to.deep.equal([telnet(SB, 24), line('hi')]);
    });
  });

  describe('character-at-a-time editing', () => {
    it('lets a Windows telnet user correct a typo key by key', () => {
      const recorder = feedByteByByte(bytes('/jion', BS, BS, BS, 'oin #dev\r\n'));
      expect(recorder.lines()).to.deep.equal(['/join #dev']);
    });

    it('erases a whole multibyte character, not one of its bytes', () => {
      const recorder = feedByteByByte(bytes('ёж', BS, 'ик 🙂', DEL, '🙃\r\n'));
      expect(recorder.lines()).to.deep.equal(['ёик 🙃']);
    });

    it('tracks pending bytes as characters are typed and erased', () => {
      const recorder = record();
      recorder.push(bytes('ж'));
      expect(recorder.framer.pendingBytes).to.equal(2);
      recorder.push(bytes(BS));
      expect(recorder.framer.pendingBytes).to.equal(0);
    });
  });

  describe('UTF-8', () => {
    it('keeps a Cyrillic letter split across two packets intact', () => {
      const word = Buffer.from('жук\n', 'utf8');
      const recorder = record();
      recorder.push(word.subarray(0, 1));
      recorder.push(word.subarray(1));
      expect(recorder.lines()).to.deep.equal(['жук']);
    });

    it('keeps an emoji split across four packets intact', () => {
      const recorder = feedByteByByte(Buffer.from('😀\n', 'utf8'));
      expect(recorder.lines()).to.deep.equal(['😀']);
    });

    it('replaces invalid UTF-8 instead of throwing', () => {
      const recorder = record();
      expect(() => {
        recorder.push(bytes(0xc0, 0xaf, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xfe, '\n'));
      }).not.to.throw();
      expect(recorder.lines()).to.have.length(1);
      expect(recorder.lines()[0]).to.match(/^\uFFFD+$/);
    });
  });

  describe('over-long lines', () => {
    const max = 4096;

    it('reports a 1 MB line once, never buffers more than the limit, and carries on', () => {
      const recorder = record(max);
      const kilobyte = Buffer.alloc(1024, 'x');
      for (let i = 0; i < 1024; i++) recorder.push(kilobyte);
      recorder.push(bytes('\r\nnext line\r\n'));
      expect(recorder.events).to.deep.equal([['tooLong', 1024 * 1024], line('next line')]);
      expect(Math.max(...recorder.pendingHistory)).to.be.at.most(max);
      expect(recorder.framer.pendingBytes).to.equal(0);
    });

    it('accepts a line of exactly the limit and rejects one byte more', () => {
      const recorder = feedWhole(bytes('a'.repeat(max), '\n', 'b'.repeat(max + 1), '\n', 'ok\n'), max);
      expect(recorder.events).to.deep.equal([line('a'.repeat(max)), ['tooLong', max + 1], line('ok')]);
    });

    it('rejects an over-long line that arrives in a single packet', () => {
      const recorder = feedWhole(bytes('z'.repeat(3 * max), '\r\nfine\r\n'), max);
      expect(recorder.events).to.deep.equal([['tooLong', 3 * max], line('fine')]);
    });

    it('counts the limit after backspace editing', () => {
      const recorder = feedByteByByte(bytes('a'.repeat(8), BS, BS, 'bc\n'), 8);
      expect(recorder.lines()).to.deep.equal(['aaaaaabc']);
    });

    it('forgets an over-long line abandoned with Ctrl+C without reporting it', () => {
      const recorder = record(8);
      recorder.push(bytes('x'.repeat(20)));
      recorder.push(bytes(IAC, IP, 'hi\n'));
      expect(recorder.events).to.deep.equal([telnet(IP), line('hi')]);
    });

    it('reports an over-long line ended by a lone CR and keeps the next line', () => {
      const recorder = feedByteByByte(bytes('y'.repeat(10), '\rnext\n'), 8);
      expect(recorder.events).to.deep.equal([['tooLong', 10], line('next')]);
      expect(Math.max(...recorder.pendingHistory)).to.be.at.most(8);
    });
  });

  it('refuses a limit that is not a positive integer', () => {
    const handlers = { onLine: () => undefined, onTooLong: () => undefined };
    expect(() => new LineFramer({ maxLineBytes: 0 }, handlers)).to.throw(RangeError);
    expect(() => new LineFramer({ maxLineBytes: 1.5 }, handlers)).to.throw(RangeError);
  });

  describe('with random input', () => {
    const randomBytes = hostileBytes(300);
    const cutsFor = (length: number) =>
      fc.uniqueArray(fc.integer({ min: 0, max: length }), { maxLength: 20 }).map((cuts) => cuts.sort((a, b) => a - b));

    it('never throws, splits make no difference, and nothing over the limit gets through', () => {
      fc.assert(
        fc.property(
          randomBytes.chain((input) => fc.tuple(fc.constant(input), cutsFor(input.length))),
          fc.integer({ min: 1, max: 24 }),
          ([input, cuts], max) => {
            const whole = feedWhole(input, max);
            const split = feedInChunks(input, cuts, max);
            const byteByByte = feedByteByByte(input, max);
            expect(split.events).to.deep.equal(whole.events);
            expect(byteByByte.events).to.deep.equal(whole.events);
            for (const event of whole.events) {
              if (event[0] === 'line') {
                // Each raw byte decodes to at most one UTF-16 unit (4-byte sequences to two),
                // so the string length is bounded by the raw byte count.
                expect(event[1].length).to.be.at.most(max);
                expect(event[1]).not.to.match(/[\r\n]/);
              } else if (event[0] === 'tooLong') {
                expect(event[1]).to.be.greaterThan(max);
              }
            }
            for (const recorder of [whole, split, byteByByte]) {
              expect(Math.max(0, ...recorder.pendingHistory)).to.be.at.most(max);
            }
          },
        ),
        { numRuns: 500 },
      );
    });

    it('delivers any text lines exactly, however they are split', () => {
      const text = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\r\n\b\x7f]/g, ''));
      fc.assert(
        fc.property(
          fc.array(text, { maxLength: 10 }),
          fc.constantFrom('\n', '\r\n', '\r\0'),
          fc.array(fc.nat({ max: 1000 }), { maxLength: 10 }),
          (lines, ending, rawCuts) => {
            const input = Buffer.from(lines.map((l) => l + ending).join(''), 'utf8');
            const cuts = [...new Set(rawCuts.map((cut) => cut % (input.length + 1)))].sort((a, b) => a - b);
            expect(feedInChunks(input, cuts).lines()).to.deep.equal(lines);
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
