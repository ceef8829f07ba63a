import { expect } from 'chai';
import fc from 'fast-check';
import { sanitizeText } from '../../../lib/chat/text/sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';

// eslint-disable-next-line no-control-regex, no-misleading-character-class -- looking for control and invisible characters is the point
const FORBIDDEN = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u2028\u2029\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}]/u;
/** A joiner that joins nothing visible: next to ASCII, a space, the ends, or another joiner. */
// eslint-disable-next-line no-control-regex -- ASCII, NUL included, is what a joiner must not touch
const STRAY_JOINER = /(?<![^\s\x00-\x7f\u200c\u200d])[\u200c\u200d]|[\u200c\u200d](?![^\s\x00-\x7f\u200c\u200d])/u;
/** Tag characters outside an emoji flag sequence. */
const STRAY_TAG = /(?<![\u{1f3f4}\u{e0020}-\u{e007e}])[\u{e0000}-\u{e007f}]|[\u{e0020}-\u{e007e}](?![\u{e0020}-\u{e007f}])/u;

describe('sanitizeText', () => {
  describe('leaves ordinary text alone', () => {
    const untouched: [string, string][] = [
      ['plain ASCII', 'hello, world! 1 + 1 = 2 [ok] {fine} ~user'],
      ['Cyrillic', 'Привет, как дела? Ёжик в тумане'],
      ['emoji with skin tones and ZWJ sequences', 'nice 👍🏽 👨‍👩‍👧 🏳️‍🌈 ❤️‍🔥 😀'],
      ['a subdivision flag made of tag characters', 'go 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}!'],
      ['Persian with the zero width non-joiner it needs', 'می\u200cخواهم'],
      ['Devanagari with a zero width joiner after a virama', 'क्\u200dष'],
      ['CJK', '漢字とかなカナ 한국어'],
      ['Arabic and Hebrew (natural right-to-left text)', 'مرحبا שלום'],
      ['combining marks', 'e\u0301 n\u0303'],
      ['leading spaces', '   indented'],
      ['characters just outside the removed ranges', '\u00a0x\u00a1 \u00ac\u00ae \u2027 \u202f \u205f \u2065 \u2070 \u180d \u3163\u3165 \ufe0f!'],
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

  describe('removes invisible characters that could hide text or disguise a name', () => {
    it('removes each one reported: ZWSP, LRM, RLM, ALM, line and paragraph separators, BOM', () => {
      for (const invisible of ['\u200b', '\u200e', '\u200f', '\u061c', '\u2028', '\u2029', '\ufeff']) {
        expect(sanitizeText(`vic${invisible}tim`), JSON.stringify(invisible)).to.equal('victim');
      }
    });

    it('removes the other characters that show nothing: soft hyphen, word joiner, Hangul fillers, invisible operators', () => {
      expect(sanitizeText('a\u00adb\u034fc\u2060d\u2062e\u206af\u3164g\uffa0h\u180ei\ufff9j\u{1bca0}k\u{1d173}l')).to.equal('abcdefghijkl');
    });

    it('removes tag characters that hide text, but keeps a flag made of them', () => {
      expect(sanitizeText('hid\u{e0041}\u{e0042}den\u{e007f}')).to.equal('hidden');
      expect(sanitizeText('\u{e0067}\u{e0062}\u{e007f} no flag')).to.equal(' no flag');
    });

    it('removes a zero width joiner or non-joiner that joins nothing: next to ASCII, a space, the ends, or another joiner', () => {
      expect(sanitizeText('vic\u200dtim vic\u200ctim')).to.equal('victim victim');
      expect(sanitizeText('\u200d👍 👍\u200d 👍\u200d 👍')).to.equal('👍 👍 👍 👍');
      expect(sanitizeText('👨\u200d\u200d👩')).to.equal('👨👩');
    });

    it('keeps a joiner that another removed character stood next to, once it joins two visible ones', () => {
      expect(sanitizeText('👨\u200d\u200b👩')).to.equal('👨\u200d👩');
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
            arbitrary: fc.constantFrom(ESC, '[', ']', '\\', BEL, '\t', ' ', '\r', '\n', '0', ';', 'm', 'P', '\u009b', '\u009c', '\u202e', '\u2066', '\u0085', '\u200b', '\u200c', '\u200d', '\u2028', '\ufeff', '\u061c', 'é', '👨', '\u{1f3f4}', '\u{e0067}', '\u{e007f}'),
            weight: 3,
          },
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    const input = fc.oneof(anyText, nastyText);

    it('never lets a control, escape, bidi or invisible character through, nor a joiner or tag on its own', () => {
      fc.assert(
        fc.property(input, (text) => {
          const clean = sanitizeText(text);
          expect(clean).not.to.match(FORBIDDEN);
          expect(clean).not.to.match(STRAY_JOINER);
          expect(clean).not.to.match(STRAY_TAG);
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
          anyText.filter((text) => !FORBIDDEN.test(text) && !STRAY_JOINER.test(text) && !STRAY_TAG.test(text)),
          (text) => {
            expect(sanitizeText(text)).to.equal(text.trimEnd());
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
});
