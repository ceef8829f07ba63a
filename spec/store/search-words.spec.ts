import { expect } from 'chai';
import { MAX_WORD_LENGTH, searchWords } from '../../lib/store/search-words.js';

describe('the words a message is found by', () => {
  it('are the runs of letters and digits, in lower case, each once, in order', () => {
    expect(searchWords('Deploy on Friday? deploy at 5pm, NOT friday-night!')).to.deep.equal(['deploy', 'on', 'friday', 'at', '5pm', 'not', 'night']);
  });

  it('keep letters of every script with their accents, and split at punctuation, symbols and spaces', () => {
    expect(searchWords('Café «naïve» Straße ΣΊΣΥΦΟΣ 東京 😀emoji a+b x_y')).to.deep.equal(['café', 'naïve', 'straße', 'σίσυφος', '東京', 'emoji', 'a', 'b', 'x', 'y']);
    expect(searchWords('cafe\u0301')).to.deep.equal(['cafe\u0301']);
  });

  it('leave out the mark of a /me action and private-use characters, and find nothing in text without words', () => {
    expect(searchWords('\u0001ACTION waves hello')).to.deep.equal(['waves', 'hello']);
    expect(searchWords('a\ue000b')).to.deep.equal(['a', 'b']);
    expect(searchWords('?! -- ...')).to.deep.equal([]);
  });

  it('cut a very long word', () => {
    expect(searchWords('a'.repeat(200))).to.deep.equal(['a'.repeat(MAX_WORD_LENGTH)]);
  });
});
