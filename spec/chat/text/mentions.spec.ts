import { expect } from 'chai';
import { ACTION_MARK } from '../../../lib/chat/text/action.js';
import { mentions, nickWords } from '../../../lib/chat/text/mentions.js';

describe('finding the nicks a message mentions', function () {
  const cases: [string, string[]][] = [
    ['alice: look at this', ['alice', 'look', 'at', 'this']],
    ['hi @Bob, how are you?', ['hi', 'bob', 'how', 'are', 'you']],
    ['ping carol_2 and dave-x!', ['ping', 'carol_2', 'and', 'dave-x']],
    ['malice2 is not alice', ['malice2', 'is', 'not', 'alice']],
    ['2alice and alice.', ['and', 'alice']],
    ['a'.repeat(25) + ' bob', ['bob']],
    ['', []],
    ['!!! ??? 123', []],
  ];
  for (const [text, words] of cases) {
    it(`reads ${JSON.stringify(text)} as ${JSON.stringify(words)}`, function () {
      expect([...nickWords(text)]).to.deep.equal(words);
    });
  }

  it('lists each word once, lower-cased', function () {
    expect([...nickWords('Bob BOB bob')]).to.deep.equal(['bob']);
  });

  it('reads the action of a /me message, not the mark in front of it', function () {
    expect([...nickWords(`${ACTION_MARK}hugs bob`)]).to.deep.equal(['hugs', 'bob']);
    expect(mentions(`${ACTION_MARK}waves`, 'action')).to.equal(false);
  });

  it('says whether a text mentions a nick, in any case, as a whole word', function () {
    expect(mentions('ask ALICE', 'alice')).to.equal(true);
    expect(mentions('ask alice2', 'alice')).to.equal(false);
    expect(mentions('ask malice', 'Alice')).to.equal(false);
  });
});
