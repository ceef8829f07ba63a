import { expect } from 'chai';
import fc from 'fast-check';
import { charWidth, codePointWidth, textWidth } from '../../lib/terminal/char-width.js';

describe('char-width', () => {
  const cases: [string, string, number][] = [
    ['ASCII letters', 'a', 1],
    ['ASCII space', ' ', 1],
    ['Latin-1 letters', 'é', 1],
    ['the soft hyphen, which terminals show', '\u00ad', 1],
    ['Cyrillic', 'ж', 1],
    ['Greek', 'λ', 1],
    ['a CJK ideograph', '漢', 2],
    ['Hiragana', 'か', 2],
    ['Hangul syllables', '한', 2],
    ['the ideographic space', '\u3000', 2],
    ['fullwidth Latin', 'Ａ', 2],
    ['a CJK extension B ideograph', '\u{20000}', 2],
    ['an emoji face', '😀', 2],
    ['a thumbs-up', '👍', 2],
    ['a skin-tone modifier (counted on its own, as wcwidth does)', '🏽', 2],
    ['a symbol with emoji presentation', '⌚', 2],
    ['a heart without emoji presentation', '\u2764', 1],
    ['a combining acute accent', '\u0301', 0],
    ['a combining enclosing circle', '\u20dd', 0],
    ['the zero-width joiner', '\u200d', 0],
    ['the zero-width space', '\u200b', 0],
    ['a variation selector', '\ufe0f', 0],
    ['a bidi override', '\u202e', 0],
    ['a Hangul medial vowel (joins the initial)', '\u1161', 0],
    ['a control character', '\u0007', 0],
    ['a C1 control character', '\u0085', 0],
    ['DEL', '\u007f', 0],
  ];
  for (const [name, char, width] of cases) {
    it(`counts ${String(width)} column(s) for ${name}`, () => {
      expect(charWidth(char)).to.equal(width);
      expect(codePointWidth(char.codePointAt(0)!)).to.equal(width);
    });
  }

  it('counts 0 columns for the empty string', () => {
    expect(charWidth('')).to.equal(0);
    expect(textWidth('')).to.equal(0);
  });

  it('sums the widths of a mixed string', () => {
    expect(textWidth('ab漢字😀e\u0301')).to.equal(2 + 4 + 2 + 1);
  });

  it('gives every code point 0, 1 or 2 columns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x10ffff }), (codePoint) => {
        expect([0, 1, 2]).to.include(codePointWidth(codePoint));
      }),
    );
  });

  it('gives every ideograph of the CJK unified block two columns, and every printable ASCII character one', () => {
    for (let codePoint = 0x4e00; codePoint <= 0x9fff; codePoint++) expect(codePointWidth(codePoint)).to.equal(2);
    for (let codePoint = 0x20; codePoint < 0x7f; codePoint++) expect(codePointWidth(codePoint)).to.equal(1);
  });
});
