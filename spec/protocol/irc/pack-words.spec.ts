import { expect } from 'chai';
import fc from 'fast-check';
import { messageBytes, packWords, roomForLastParam } from '../../../lib/protocol/irc/pack-words.js';

describe('packing words into lines', function () {
  const cases: [string, string[], number, number | undefined, string[][]][] = [
    ['no words', [], 10, undefined, []],
    ['words that fit one line', ['a', 'bb', 'ccc'], 8, undefined, [['a', 'bb', 'ccc']]],
    ['a line exactly full', ['aaa', 'bbb'], 7, undefined, [['aaa', 'bbb']]],
    ['one byte over', ['aaa', 'bbb'], 6, undefined, [['aaa'], ['bbb']]],
    ['a word count limit', ['a', 'b', 'c', 'd', 'e'], 100, 2, [['a', 'b'], ['c', 'd'], ['e']]],
    ['multi-byte words counted in bytes', ['éé', 'éé'], 8, undefined, [['éé'], ['éé']]],
    ['a word as long as the line', ['abcd', 'e'], 4, undefined, [['abcd'], ['e']]],
  ];
  for (const [name, words, maxBytes, maxWords, groups] of cases) {
    it(`handles ${name}`, function () {
      expect(packWords(words, maxBytes, maxWords)).to.deep.equal(groups);
    });
  }

  it('refuses a word no line can carry', function () {
    expect(() => packWords(['ok', 'toolong'], 5)).to.throw(RangeError);
  });

  it('keeps every word, in order, in groups that fit', function () {
    const word = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((w) => !w.includes(' '));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.integer({ min: 48, max: 100 }), fc.integer({ min: 1, max: 13 }), (words, maxBytes, maxWords) => {
        const groups = packWords(words, maxBytes, maxWords);
        expect(groups.flat()).to.deep.equal(words);
        for (const group of groups) {
          expect(group.length).to.be.within(1, maxWords);
          expect(Buffer.byteLength(group.join(' '))).to.be.at.most(maxBytes);
        }
        // Greedy: no group could have taken the next group's first word.
        for (let i = 0; i + 1 < groups.length; i++) {
          const [current, next] = [groups[i]!, groups[i + 1]!];
          const joined = Buffer.byteLength([...current, next[0]!].join(' '));
          expect(joined > maxBytes || current.length === maxWords).to.equal(true);
        }
      }),
    );
  });

  it('measures the room left on a line of 512 bytes with CRLF', function () {
    const message = { tags: new Map([['time', 'x']]), source: 'chat.local', command: 'CAP', params: ['alice', 'LS', '*', ''] };
    // ':chat.local CAP alice LS * :' is 28 bytes; tags do not count.
    expect(messageBytes(message)).to.equal(28);
    expect(roomForLastParam(message)).to.equal(510 - 28);
  });
});
