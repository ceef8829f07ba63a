import { expect } from 'chai';
import fc from 'fast-check';
import { KeyDecoder, keyPress, type KeyEvent } from '../../lib/terminal/key-decoder.js';
import { bytes, chunksAt, decodeChunks, splits } from '../helpers/key-input.js';

const ESC = 0x1b;
const CSI = '\u001b[';
const SS3 = '\u001bO';

const text = (value: string): KeyEvent => ({ type: 'text', text: value, paste: false });
const pasted = (value: string): KeyEvent => ({ type: 'text', text: value, paste: true });
const enter = keyPress('enter');
const ctrl = (letter: Parameters<typeof keyPress>[0]): KeyEvent => keyPress(letter, { ctrl: true });
const alt = (letter: Parameters<typeof keyPress>[0]): KeyEvent => keyPress(letter, { alt: true });

interface Case {
  name: string;
  input: Buffer;
  events: KeyEvent[];
}

const cases: Case[] = [
  { name: 'ASCII text', input: bytes('hello world'), events: [text('hello world')] },
  { name: 'Cyrillic, CJK and emoji', input: bytes('дом 漢字 😀👍🏽'), events: [text('дом 漢字 😀👍🏽')] },
  { name: 'text around Enter (CR)', input: bytes('hi\rthere\r'), events: [text('hi'), enter, text('there'), enter] },
  { name: 'CR LF as one Enter', input: bytes('a\r\nb\r\n'), events: [text('a'), enter, text('b'), enter] },
  { name: 'LF alone as Enter', input: bytes('a\nb\n'), events: [text('a'), enter, text('b'), enter] },
  { name: 'CR CR as two Enters', input: bytes('\r\r'), events: [enter, enter] },
  { name: 'LF CR as two Enters', input: bytes('\n\r'), events: [enter, enter] },
  { name: 'CR NUL (telnet style) as one Enter', input: bytes('x\r', 0, 'y'), events: [text('x'), enter, text('y')] },
  { name: 'DEL and BS as Backspace', input: bytes('ab', 0x7f, 0x08), events: [text('ab'), keyPress('backspace'), keyPress('backspace')] },
  { name: 'Tab', input: bytes('/se\t'), events: [text('/se'), keyPress('tab')] },
  {
    name: 'the Ctrl keys the line editor uses',
    input: bytes(0x01, 0x05, 0x15, 0x17, 0x0b, 0x03, 0x04, 0x0c),
    events: (['a', 'e', 'u', 'w', 'k', 'c', 'd', 'l'] as const).map(ctrl),
  },
  { name: 'the other Ctrl letters', input: bytes(0x02, 0x06, 0x1a), events: [ctrl('b'), ctrl('f'), ctrl('z')] },
  { name: 'NUL and Ctrl+\\ ] ^ _ as nothing', input: bytes(0x00, 0x1c, 0x1d, 0x1e, 0x1f, 'x'), events: [text('x')] },
  {
    name: 'arrows as CSI',
    input: bytes(`${CSI}A${CSI}B${CSI}C${CSI}D`),
    events: [keyPress('up'), keyPress('down'), keyPress('right'), keyPress('left')],
  },
  {
    name: 'arrows as SS3 (application cursor mode)',
    input: bytes(`${SS3}A${SS3}B${SS3}C${SS3}D`),
    events: [keyPress('up'), keyPress('down'), keyPress('right'), keyPress('left')],
  },
  {
    name: 'Home and End in every common form',
    input: bytes(`${CSI}H${CSI}F${SS3}H${SS3}F${CSI}1~${CSI}4~${CSI}7~${CSI}8~`),
    events: ['home', 'end', 'home', 'end', 'home', 'end', 'home', 'end'].map((name) => keyPress(name as 'home' | 'end')),
  },
  { name: 'Delete', input: bytes(`a${CSI}3~b`), events: [text('a'), keyPress('delete'), text('b')] },
  {
    name: 'Ctrl+arrows with an xterm modifier',
    input: bytes(`${CSI}1;5C${CSI}1;5D`),
    events: [keyPress('right', { ctrl: true }), keyPress('left', { ctrl: true })],
  },
  {
    name: 'Alt, Shift and Meta arrows',
    input: bytes(`${CSI}1;3C${CSI}1;2D${CSI}1;9C${CSI}1;8A`),
    events: [
      keyPress('right', { alt: true }),
      keyPress('left', { shift: true }),
      keyPress('right', { alt: true }),
      keyPress('up', { shift: true, alt: true, ctrl: true }),
    ],
  },
  {
    name: 'arrows with the modifier as the only parameter',
    input: bytes(`${CSI}5C${SS3}5D`),
    events: [keyPress('right', { ctrl: true }), keyPress('left', { ctrl: true })],
  },
  { name: 'Ctrl+Delete', input: bytes(`${CSI}3;5~`), events: [keyPress('delete', { ctrl: true })] },
  { name: 'Shift+Tab', input: bytes(`${CSI}Z`), events: [keyPress('tab', { shift: true })] },
  { name: 'the keypad Enter', input: bytes(`${SS3}M`), events: [enter] },
  {
    name: 'Alt+letters (ESC b, ESC f, ESC d)',
    input: bytes(ESC, 'b', ESC, 'f', ESC, 'd'),
    events: [alt('b'), alt('f'), alt('d')],
  },
  { name: 'Alt+Backspace', input: bytes(ESC, 0x7f), events: [keyPress('backspace', { alt: true })] },
  { name: 'Alt+Enter', input: bytes(ESC, '\r'), events: [keyPress('enter', { alt: true })] },
  { name: 'ESC ESC then an arrow', input: bytes(ESC, `${CSI}A`), events: [keyPress('escape'), keyPress('up')] },
  {
    name: 'bracketed paste as text, with its line ends and tabs kept as text',
    input: bytes(`x${CSI}200~one\r\ntwo\tthree\rfour\n${CSI}201~y`),
    events: [text('x'), pasted('one\ntwo\tthree\nfour\n'), text('y')],
  },
  {
    name: 'keys and escape sequences inside a paste dropped',
    input: bytes(`${CSI}200~a${CSI}A`, 0x03, `b${CSI}31mc`, ESC, 'xd', `${CSI}201~`),
    events: [pasted('abcd')],
  },
  { name: 'an empty paste as nothing', input: bytes(`${CSI}200~${CSI}201~`), events: [] },
  { name: 'a paste end without a start as nothing', input: bytes(`a${CSI}201~b`), events: [text('ab')] },
  {
    name: 'unknown CSI sequences (F5, Insert, Page Up, colours, focus, mouse) swallowed whole',
    input: bytes(`a${CSI}15~${CSI}2~${CSI}5;5~${CSI}1;2P${CSI}38;5;196m${CSI}I${CSI}<0;10;5M${CSI}?1;2cb`),
    events: [text('ab')],
  },
  { name: 'a CSI with intermediate bytes swallowed', input: bytes(`a${CSI}1 qb`), events: [text('ab')] },
  { name: 'SS3 function keys swallowed', input: bytes(`a${SS3}P${SS3}Qb`), events: [text('ab')] },
  { name: 'Linux console F1 (ESC [ [ A) swallowed whole', input: bytes(`a${CSI}[Ab`), events: [text('ab')] },
  {
    name: 'other two-byte escapes swallowed (ESC uppercase, digit, punctuation)',
    input: bytes(ESC, 'Q', ESC, '7', ESC, '=', ESC, ']', 'x'),
    events: [text('x')],
  },
  {
    name: 'Alt with space or punctuation swallowed, and not the key after it',
    input: bytes(ESC, ' ', 'x', ESC, '.', 'y', ESC, '-', 'z'),
    events: [text('xyz')],
  },
  {
    name: 'an over-long CSI swallowed whole',
    input: bytes(`a${CSI}${'1;'.repeat(100)}Cb`),
    events: [text('ab')],
  },
  {
    name: 'a CSI broken off by a control byte: the byte still counts',
    input: bytes(`${CSI}1;\r`),
    events: [enter],
  },
  { name: 'ESC then a non-ASCII character: the character is kept', input: bytes(ESC, 'ж'), events: [text('ж')] },
  { name: 'C1 controls in UTF-8 dropped', input: bytes('a\u0085\u009bb'), events: [text('ab')] },
  { name: 'invalid UTF-8 as replacement characters', input: bytes('a', 0xff, 'b', 0xc3, '('), events: [text('a\ufffdb\ufffd(')] },
  { name: 'a character cut short by a control byte', input: bytes('a', 0xe2, 0x82, '\r'), events: [text('a\ufffd'), enter] },
];

describe('KeyDecoder', () => {
  describe('gives the same keys however the bytes are split', () => {
    for (const { name, input, events } of cases) {
      it(`decodes ${name}`, () => {
        for (const { how, chunks } of splits(input)) {
          const decoder = new KeyDecoder();
          expect(decodeChunks(chunks, decoder), how).to.deep.equal(events);
          expect(decoder.pending, `${how}: nothing left pending`).to.equal(false);
        }
      });
    }
  });

  describe('a lone ESC', () => {
    it('is pending until the caller resolves it as the Escape key', () => {
      const decoder = new KeyDecoder();
      expect(decoder.push(bytes('a', ESC))).to.deep.equal([text('a')]);
      expect(decoder.pending).to.equal(true);
      expect(decoder.resolvePending()).to.deep.equal([keyPress('escape')]);
      expect(decoder.pending).to.equal(false);
      expect(decoder.push(bytes('b'))).to.deep.equal([text('b')]);
    });

    it('becomes part of a sequence when the rest arrives before the timeout', () => {
      const decoder = new KeyDecoder();
      decoder.push(bytes(ESC));
      expect(decoder.push(bytes('[D'))).to.deep.equal([keyPress('left')]);
      expect(decoder.pending).to.equal(false);
    });

    it('drops an unfinished sequence when resolved, and what follows is read afresh', () => {
      const decoder = new KeyDecoder();
      expect(decoder.push(bytes(`x${CSI}1;`))).to.deep.equal([text('x')]);
      expect(decoder.pending).to.equal(true);
      expect(decoder.resolvePending()).to.deep.equal([]);
      expect(decoder.push(bytes('5C'))).to.deep.equal([text('5C')]);
    });

    it('is nothing when resolved inside a paste', () => {
      const decoder = new KeyDecoder();
      decoder.push(bytes(`${CSI}200~a`, ESC));
      expect(decoder.resolvePending()).to.deep.equal([]);
      expect(decoder.pasting).to.equal(true);
    });

    it('resolves to nothing when nothing is pending', () => {
      expect(new KeyDecoder().resolvePending()).to.deep.equal([]);
    });
  });

  it('keeps a multibyte character whole when a chunk ends inside it', () => {
    const decoder = new KeyDecoder();
    const emoji = bytes('😀');
    expect(decoder.push(emoji.subarray(0, 2))).to.deep.equal([]);
    expect(decoder.push(emoji.subarray(2))).to.deep.equal([text('😀')]);
  });

  it('swallows a CR LF pair cut between chunks as one Enter', () => {
    const decoder = new KeyDecoder();
    expect(decoder.push(bytes('a\r'))).to.deep.equal([text('a'), enter]);
    expect(decoder.push(bytes('\nb'))).to.deep.equal([text('b')]);
  });

  it('reports the paste state between the markers', () => {
    const decoder = new KeyDecoder();
    decoder.push(bytes(`${CSI}200~abc`));
    expect(decoder.pasting).to.equal(true);
    decoder.push(bytes(`${CSI}201~`));
    expect(decoder.pasting).to.equal(false);
  });

  it('never shows the bytes of an escape sequence as text, and splitting never changes the keys', () => {
    const sequence = fc.constantFrom(
      `${CSI}A`,
      `${CSI}1;5C`,
      `${CSI}3~`,
      `${CSI}15~`,
      `${CSI}38;5;196m`,
      `${CSI}?25h`,
      `${SS3}P`,
      `${SS3}D`,
      `${CSI}[B`,
      '\u001bb',
      '\u001b.',
    );
    const plain = fc.stringMatching(/^[a-z0-9 ]{0,5}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(plain, sequence), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (parts, rawCuts) => {
        const typed = parts.map(([words]) => words).join('');
        const input = bytes(parts.map(([words, escape]) => words + escape).join(''));
        const cuts = [...new Set(rawCuts.map((cut) => cut % (input.length + 1)))].sort((a, b) => a - b);
        const events = decodeChunks(chunksAt(input, cuts));
        const shown = events.flatMap((event) => (event.type === 'text' ? [event.text] : [])).join('');
        expect(shown).to.equal(typed);
        expect(events).to.deep.equal(decodeChunks([input]));
      }),
    );
  });

  it('never throws and never leaves control characters in text, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat(), { maxLength: 4 }), (input, rawCuts) => {
        const cuts = [...new Set(rawCuts.map((cut) => cut % (input.length + 1)))].sort((a, b) => a - b);
        const decoder = new KeyDecoder();
        const events = decodeChunks(chunksAt(input, cuts), decoder);
        decoder.resolvePending();
        for (const event of events) {
          // eslint-disable-next-line no-control-regex -- looking for control characters is the point
          if (event.type === 'text' && !event.paste) expect(event.text).not.to.match(/[\x00-\x1f\x7f-\x9f]/);
          // eslint-disable-next-line no-control-regex -- looking for control characters is the point
          if (event.type === 'text' && event.paste) expect(event.text).not.to.match(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
        }
      }),
    );
  });
});
