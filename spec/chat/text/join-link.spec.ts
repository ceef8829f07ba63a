import { expect } from 'chai';
import { hashJoinToken, joinLink, newJoinToken, tokenOfJoinLink } from '../../../lib/chat/text/join-link.js';

describe('join links', function () {
  it('makes 24-character base64url tokens that differ every time', function () {
    const tokens = new Set(Array.from({ length: 100 }, () => newJoinToken()));
    expect(tokens.size).to.equal(100);
    for (const token of tokens) expect(token).to.match(/^[A-Za-z0-9_-]{24}$/);
  });

  it('stores a token as the hex SHA-256 of it, never the token itself', function () {
    expect(hashJoinToken('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reads the token back from a whole link or a bare token, and nothing else', function () {
    const token = newJoinToken();
    expect(tokenOfJoinLink(joinLink('127.0.0.1:8000', token))).to.equal(token);
    expect(tokenOfJoinLink(joinLink('[::1]:8000', token))).to.equal(token);
    expect(tokenOfJoinLink(`  ${token} `)).to.equal(token);
    for (const bad of ['', 'short', `http://x/join/${token}`, `chat://x/other/${token}`, `${token}!`, `chat://x/join/${token}/more`]) {
      expect(tokenOfJoinLink(bad), bad).to.equal(undefined);
    }
  });
});
