import { expect } from 'chai';
import { TELNET } from '../../../lib/protocol/line/telnet-codes.js';
import { TELNET_OPTION, TelnetNegotiation, WILL_ECHO, WONT_ECHO } from '../../../lib/protocol/line/telnet.js';

const { IAC, WILL, WONT, DO, DONT } = TELNET;
const { ECHO, TIMING_MARK } = TELNET_OPTION;
const NAWS = 31;
const SUPPRESS_GO_AHEAD = 3;

describe('telnet negotiation', () => {
  it('offers and withdraws echo with the three-byte sequences of RFC 857', () => {
    expect([...WILL_ECHO]).to.deep.equal([IAC, WILL, ECHO]);
    expect([...WONT_ECHO]).to.deep.equal([IAC, WONT, ECHO]);
  });

  it('answers every timing mark (telnet sends one after Ctrl+C and discards output until it is answered)', () => {
    const negotiation = new TelnetNegotiation();
    expect([...(negotiation.answer(DO, TIMING_MARK) ?? [])]).to.deep.equal([IAC, WILL, TIMING_MARK]);
    expect([...(negotiation.answer(DO, TIMING_MARK) ?? [])]).to.deep.equal([IAC, WILL, TIMING_MARK]);
  });

  it('refuses an option it does not offer, once, so a client that keeps asking cannot start a loop', () => {
    const negotiation = new TelnetNegotiation();
    expect([...(negotiation.answer(WILL, NAWS) ?? [])]).to.deep.equal([IAC, DONT, NAWS]);
    expect([...(negotiation.answer(DO, SUPPRESS_GO_AHEAD) ?? [])]).to.deep.equal([IAC, WONT, SUPPRESS_GO_AHEAD]);
    expect(negotiation.answer(WILL, NAWS)).to.equal(undefined);
    expect(negotiation.answer(DO, SUPPRESS_GO_AHEAD)).to.equal(undefined);
  });

  it('takes DO and DONT ECHO as replies to its own offer, and DONT/WONT as needing no answer', () => {
    const negotiation = new TelnetNegotiation();
    expect(negotiation.answer(DO, ECHO)).to.equal(undefined);
    expect(negotiation.answer(DONT, ECHO)).to.equal(undefined);
    expect(negotiation.answer(DONT, NAWS)).to.equal(undefined);
    expect(negotiation.answer(WONT, NAWS)).to.equal(undefined);
  });
});
