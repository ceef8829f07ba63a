import { expect } from 'chai';
import fc from 'fast-check';
import { serializeIrcMessage } from '../../../lib/protocol/irc/irc-message.js';
import { cutToBytes, splitIrcText, splitText, textRoom } from '../../../lib/protocol/irc/split-text.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('splitting text for IRC lines', function () {
  const cases: [string, string, number, string[]][] = [
    ['text that fits', 'hello world', 20, ['hello world']],
    ['empty text', '', 10, ['']],
    ['text exactly the size', 'abcdefghij', 10, ['abcdefghij']],
    ['at the last space that fits', 'the quick brown fox', 10, ['the quick', 'brown fox']],
    ['dropping the run of spaces at a cut', 'aaaa     bbbb', 6, ['aaaa', 'bbbb']],
    ['a space right at the limit', 'abcde fgh', 5, ['abcde', 'fgh']],
    ['a word longer than a line', 'abcdefghijkl', 5, ['abcde', 'fghij', 'kl']],
    ['a long word after a short one', 'hi abcdefghij', 5, ['hi', 'abcde', 'fghij']],
    ['two-byte letters, never halved', 'жжжжж', 5, ['жж', 'жж', 'ж']],
    ['words of two-byte letters', 'привет мир', 12, ['привет', 'мир']],
    ['four-byte emoji, never halved', '😀😀😀', 6, ['😀', '😀', '😀']],
    ['an emoji with its skin tone kept whole', '👍🏽👍🏽', 8, ['👍🏽', '👍🏽']],
    ['an e with a combining accent kept whole', 'e\u0301e\u0301e\u0301', 4, ['e\u0301', 'e\u0301', 'e\u0301']],
    ['a grapheme larger than a line, cut between characters', '👨‍👩‍👧‍👦', 8, ['👨\u200d', '👩\u200d', '👧\u200d', '👦']],
    ['leading spaces of a long text', '   abcdefgh', 4, ['abcd', 'efgh']],
  ];
  for (const [name, text, maxBytes, pieces] of cases) {
    it(`cuts ${name}`, function () {
      expect(splitText(text, maxBytes)).to.deep.equal(pieces);
    });
  }

  it('refuses a piece too small for one character', function () {
    expect(() => splitText('abc', 3)).to.throw(RangeError);
  });

  it('cuts to a byte count between characters', function () {
    expect(cutToBytes('aé😀b', 1)).to.equal('a');
    expect(cutToBytes('aé😀b', 2)).to.equal('a');
    expect(cutToBytes('aé😀b', 3)).to.equal('aé');
    expect(cutToBytes('aé😀b', 6)).to.equal('aé');
    expect(cutToBytes('aé😀b', 7)).to.equal('aé😀');
    expect(cutToBytes('aé😀b', 100)).to.equal('aé😀b');
  });

  it('makes one line of a text of spaces alone longer than the limit, never an empty one', function () {
    expect(splitText('     ', 4)).to.deep.equal(['    ']);
  });

  it('keeps every piece within the limit and loses nothing but spaces at cuts', function () {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(fc.constantFrom('word', ' ', '  ', 'ж', '😀', '👍🏽', 'e\u0301', 'x'.repeat(30)), { maxLength: 60 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 64 }), (input, maxBytes) => {
        const pieces = splitText(input, maxBytes);
        expect(pieces.length).to.be.at.least(1);
        let pos = 0;
        for (const piece of pieces) {
          expect(bytes(piece)).to.be.at.most(maxBytes);
          // Each piece is the input's next run (after spaces dropped at a cut) ...
          while (!input.startsWith(piece, pos) && input.charAt(pos) === ' ') pos++;
          expect(input.startsWith(piece, pos)).to.equal(true);
          pos += piece.length;
          // ... and ends between characters, never between the halves of a surrogate pair.
          expect(/[\uD800-\uDBFF]/.test(input.charAt(pos - 1)) && /[\uDC00-\uDFFF]/.test(input.charAt(pos))).to.equal(false);
        }
        if (bytes(input) <= maxBytes) expect(pieces).to.deep.equal([input]);
        else expect(pieces.every((piece) => piece !== '')).to.equal(true);
        expect(pieces.join('').replace(/ /g, '')).to.equal(input.replace(/ /g, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts inside a word only when the line holds no space to cut at', function () {
    const words = fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(words, fc.integer({ min: 12, max: 40 }), (list, maxBytes) => {
        // Words no longer than a line never need cutting.
        const pieces = splitText(list.join(' '), maxBytes);
        expect(pieces.flatMap((piece) => piece.split(' '))).to.deep.equal(list);
      }),
    );
  });
});

describe('PRIVMSG lines for IRC clients', function () {
  const source = 'alice!alice@chat.local';

  it('measures the room left after the prefix', function () {
    // ':alice!alice@chat.local PRIVMSG #general :' is 42 bytes.
    expect(textRoom(source, 'PRIVMSG', '#general')).to.equal(510 - 42);
  });

  it('sends a short message as one line', function () {
    expect(splitIrcText(source, 'PRIVMSG', '#general', 'hi all').map((m) => serializeIrcMessage(m))).to.deep.equal([
      ':alice!alice@chat.local PRIVMSG #general :hi all',
    ]);
  });

  it('sends a long message as lines of at most 512 bytes with CRLF', function () {
    const words = Array.from({ length: 300 }, (_, i) => `слово${i}`);
    const lines = splitIrcText(source, 'NOTICE', 'bob', words.join(' ')).map((m) => serializeIrcMessage(m));
    expect(lines.length).to.be.greaterThan(1);
    for (const line of lines) {
      expect(bytes(`${line}\r\n`)).to.be.at.most(512);
      expect(line.startsWith(':alice!alice@chat.local NOTICE bob :')).to.equal(true);
    }
    expect(lines.map((line) => line.slice(':alice!alice@chat.local NOTICE bob :'.length)).join(' ')).to.equal(words.join(' '));
  });
});
