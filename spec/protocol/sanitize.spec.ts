import { expect } from 'chai';
import fc from 'fast-check';
import { sanitizeText } from '../../lib/protocol/sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const FORBIDDEN = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('sanitizeText', () => {
  describe('leaves ordinary text alone', () => {
    const untouched: [string, string][] = [
      ['plain ASCII', 'hello, world! 1 + 1 = 2 [ok] {fine} ~user'],
      ['Cyrillic', 'Привет, как дела? Ёжик в тумане'],
      ['emoji with skin tones and ZWJ sequences', 'nice 👍🏽 👨‍👩‍👧 🏳️‍🌈 😀'],
      ['CJK', '漢字とかなカナ 한국어'],
      ['Arabic and Hebrew (natural right-to-left text)', 'مرحبا שלום'],
      ['combining marks', 'e\u0301 n\u0303'],
      ['leading spaces', '   indented'],
      ['characters just outside the removed ranges', '\u00a0x\u00a1 \u2029 \u2065 \u206a \u202f!'],
      ['the empty string', ''],
    ];
    for (const [name, text] of untouched) {
      it(`keeps ${name}`, () => {
        expect(sanitizeText(text)).to.equal(text);
      });
    }
  });

  describe('removes terminal escape sequences', () => {
    const cases: [string, string, string][] = [
      ['colours', `${ESC}[31;1mred${ESC}[0m alert`, 'red alert'],
      ['clear screen and cursor home', `${ESC}[2J${ESC}[Hgotcha`, 'gotcha'],
      ['private-mode CSI (alternate screen)', `${ESC}[?1049hhidden`, 'hidden'],
      ['cursor movement that would overwrite earlier lines', `a${ESC}[1A${ESC}[2Kb`, 'ab'],
      ['CSI with an intermediate byte', `${ESC}[1 qx`, 'x'],
      ['a window title set by OSC ended with BEL', `${ESC}]0;pwned${BEL}hi`, 'hi'],
      ['a window title set by OSC ended with ST', `${ESC}]2;pwned${ESC}\\hi`, 'hi'],
      ['an OSC 8 hyperlink, keeping its text', `${ESC}]8;;http://evil${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
      ['an OSC ended by the C1 ST', `${ESC}]0;t\u009cafter`, 'after'],
      ['an unterminated OSC, as a terminal would swallow it', `before${ESC}]0;title forever`, 'before'],
      ['a DCS string', `${ESC}P+q544e${ESC}\\x`, 'x'],
      ['the one-character C1 CSI U+009B', '\u009b31mred', 'red'],
      ['a charset switch', `${ESC}(0x${ESC}(B`, 'x'],
      ['a terminal reset', `${ESC}cafter`, 'after'],
      ['a keypad mode switch', `${ESC}=k${ESC}>`, 'k'],
      ['an ESC at the very end', `text${ESC}`, 'text'],
      ['an unfinished CSI at the very end', `text${ESC}[1;3`, 'text'],
    ];
    for (const [name, input, expected] of cases) {
      it(`removes ${name}`, () => {
        expect(sanitizeText(input)).to.equal(expected);
      });
    }
  });

  describe('removes control characters', () => {
    it('removes C0 controls such as NUL, BEL, vertical tab and form feed', () => {
      expect(sanitizeText('a\u0000b\u0007c\u000bd\u000ce\u0001f')).to.equal('abcdef');
    });

    it('removes stray CR and LF so a message stays on one line', () => {
      expect(sanitizeText('one\rtwo\nthree')).to.equal('onetwothree');
    });

    it('removes backspaces that would erase what others see', () => {
      expect(sanitizeText('safe\b\b\b\bevil')).to.equal('safeevil');
    });

    it('turns a tab into a space', () => {
      expect(sanitizeText('a\tb\t\tc')).to.equal('a b  c');
    });

    it('removes DEL', () => {
      expect(sanitizeText('ab\u007fc')).to.equal('abc');
    });

    it('removes C1 controls (U+0080–U+009F) such as NEL', () => {
      expect(sanitizeText('a\u0080b\u0085c\u009fd')).to.equal('abcd');
    });

    it('removes bidi overrides and isolates that could disguise a message', () => {
      expect(sanitizeText('safe \u202egnp.exe\u202c and \u2066x\u2069 \u202a\u202b\u202d\u2067\u2068')).to.equal(
        'safe gnp.exe and x',
      );
    });
  });

  describe('trailing whitespace', () => {
    it('trims trailing spaces', () => {
      expect(sanitizeText('hi   ')).to.equal('hi');
    });

    it('trims a trailing tab', () => {
      expect(sanitizeText('hi\t')).to.equal('hi');
    });

    it('trims whitespace left behind by removed sequences', () => {
      expect(sanitizeText(`hi ${ESC}[0m`)).to.equal('hi');
    });

    it('reduces a message of only controls and spaces to the empty string', () => {
      expect(sanitizeText(` \t${ESC}[2J\u0007 `)).to.equal('');
    });
  });

  it('returns the very same string when nothing needs changing', () => {
    const text = 'x'.repeat(1000) + ' ordinary message 🙂';
    expect(sanitizeText(text)).to.equal(text);
  });

  describe('with random input', () => {
    const anyText = fc.string({ unit: 'binary', maxLength: 60 });
    // Mix in the characters that matter so that sequences actually occur.
    const nastyText = fc
      .array(
        fc.oneof(
          { arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }), weight: 3 },
          {
            arbitrary: fc.constantFrom(ESC, '[', ']', '\\', BEL, '\t', ' ', '\r', '\n', '0', ';', 'm', 'P', '\u009b', '\u009c', '\u202e', '\u2066', '\u0085'),
            weight: 3,
          },
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    const input = fc.oneof(anyText, nastyText);

    it('never lets a control, escape or bidi character through', () => {
      fc.assert(
        fc.property(input, (text) => {
          expect(sanitizeText(text)).not.to.match(FORBIDDEN);
        }),
        { numRuns: 1000 },
      );
    });

    it('is idempotent and never ends in whitespace', () => {
      fc.assert(
        fc.property(input, (text) => {
          const once = sanitizeText(text);
          expect(sanitizeText(once)).to.equal(once);
          expect(once).to.equal(once.trimEnd());
        }),
        { numRuns: 1000 },
      );
    });

    it('keeps text without controls as it is, apart from trailing whitespace', () => {
      fc.assert(
        fc.property(
          anyText.filter((text) => !FORBIDDEN.test(text)),
          (text) => {
            expect(sanitizeText(text)).to.equal(text.trimEnd());
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
});
