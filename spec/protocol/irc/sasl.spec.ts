import { expect } from 'chai';
import fc from 'fast-check';
import { MAX_PASSWORD } from '../../../lib/auth/password.js';
import { NICK_MAX_LENGTH } from '../../../lib/protocol/irc/casemap.js';
import { decodePlain, SASL_CHUNK_BYTES, SASL_MAX_RESPONSE, SaslExchange, type SaslOutcome } from '../../../lib/protocol/irc/sasl.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Base64 of a response cut into AUTHENTICATE parameters, as SASL 3.1 clients send them. */
function chunks(base64: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < base64.length; i += SASL_CHUNK_BYTES) out.push(base64.slice(i, i + SASL_CHUNK_BYTES));
  if (base64.length === 0 || base64.length % SASL_CHUNK_BYTES === 0) out.push('+');
  return out;
}

function run(exchange: SaslExchange, params: readonly string[]): SaslOutcome[] {
  return params.map((param) => exchange.authenticate(param));
}

describe('IRC SASL PLAIN', function () {
  describe('reading a PLAIN message', function () {
    const cases: [string, string, ReturnType<typeof decodePlain>][] = [
      ['the spec example (jilles, jilles, sesame)', 'amlsbGVzAGppbGxlcwBzZXNhbWU=', { account: 'jilles', password: 'sesame' }],
      ['no authorization identity', b64('\0alice\0pw'), { account: 'alice', password: 'pw' }],
      ['the same identity in another case', b64('Alice\0alice\0pw'), { account: 'alice', password: 'pw' }],
      ['a password with spaces and Cyrillic', b64('\0bob\0пароль с пробелами'), { account: 'bob', password: 'пароль с пробелами' }],
      ['someone else as authorization identity', b64('mallory\0alice\0pw'), undefined],
      ['no account', b64('\0\0pw'), undefined],
      ['no password', b64('\0alice\0'), undefined],
      ['two parts', b64('alice\0pw'), undefined],
      ['four parts', b64('a\0b\0c\0d'), undefined],
      ['not base64', 'not*base64', undefined],
      ['base64 without its padding', b64('\0alice\0pwd').replace(/=+$/, ''), undefined],
      ['invalid UTF-8', Buffer.from([0, 0x61, 0, 0xff]).toString('base64'), undefined],
      ['nothing', '', undefined],
    ];
    for (const [name, base64, expected] of cases) {
      it(`reads ${name}`, function () {
        expect(decodePlain(base64)).to.deep.equal(expected);
      });
    }
  });

  it('goes PLAIN, +, response, then credentials to check', function () {
    const exchange = new SaslExchange();
    expect(run(exchange, ['PLAIN', 'amlsbGVzAGppbGxlcwBzZXNhbWU='])).to.deep.equal([
      { kind: 'continue' },
      { kind: 'credentials', account: 'jilles', password: 'sesame' },
    ]);
    expect(exchange.inProgress).to.equal(true);
    expect(exchange.succeeded()).to.equal(true);
    expect(exchange.authenticated).to.equal(true);
    expect(exchange.authenticate('PLAIN')).to.deep.equal({ kind: 'already' });
  });

  it('takes the mechanism in any case', function () {
    expect(new SaslExchange().authenticate('plain')).to.deep.equal({ kind: 'continue' });
  });

  it('names the mechanisms it has when asked for another', function () {
    const exchange = new SaslExchange();
    expect(exchange.authenticate('EXTERNAL')).to.deep.equal({ kind: 'unknown-mechanism', mechanisms: 'PLAIN' });
    expect(exchange.inProgress).to.equal(false);
    expect(exchange.authenticate('PLAIN')).to.deep.equal({ kind: 'continue' });
  });

  it('lets a client try again after a wrong password', function () {
    const exchange = new SaslExchange();
    run(exchange, ['PLAIN', b64('\0alice\0wrong')]);
    expect(exchange.failed()).to.equal(true);
    expect(exchange.inProgress).to.equal(false);
    expect(run(exchange, ['PLAIN', b64('\0alice\0right')]).at(-1)).to.deep.equal({ kind: 'credentials', account: 'alice', password: 'right' });
  });

  it('fails a response that is not PLAIN, and starts over', function () {
    const exchange = new SaslExchange();
    expect(run(exchange, ['PLAIN', 'bm90aGluZw=='])).to.deep.equal([{ kind: 'continue' }, { kind: 'failed' }]);
    expect(exchange.authenticate('PLAIN')).to.deep.equal({ kind: 'continue' });
  });

  it('fails an empty response', function () {
    expect(run(new SaslExchange(), ['PLAIN', '+'])).to.deep.equal([{ kind: 'continue' }, { kind: 'failed' }]);
  });

  it('aborts on *, whenever it comes', function () {
    for (const before of [[], ['PLAIN'], ['PLAIN', 'A'.repeat(400)]]) {
      const exchange = new SaslExchange();
      run(exchange, before);
      expect(exchange.authenticate('*')).to.deep.equal({ kind: 'aborted' });
      expect(exchange.inProgress).to.equal(false);
    }
  });

  it('sends nothing for a verdict on an exchange aborted meanwhile', function () {
    const exchange = new SaslExchange();
    run(exchange, ['PLAIN', b64('\0alice\0pw'), '*']);
    expect(exchange.succeeded()).to.equal(false);
    expect(exchange.failed()).to.equal(false);
    expect(exchange.authenticated).to.equal(false);
  });

  it('aborts an exchange still going when registration completes', function () {
    const exchange = new SaslExchange();
    expect(exchange.abortForRegistration()).to.equal(false);
    exchange.authenticate('PLAIN');
    expect(exchange.abortForRegistration()).to.equal(true);
    expect(exchange.inProgress).to.equal(false);
  });

  it('refuses a chunk over 400 bytes, and a response over the limit', function () {
    expect(run(new SaslExchange(), ['PLAIN', 'A'.repeat(401)]).at(-1)).to.deep.equal({ kind: 'too-long' });
    const tooMany = Array.from({ length: SASL_MAX_RESPONSE / SASL_CHUNK_BYTES + 1 }, () => 'A'.repeat(400));
    const outcomes = run(new SaslExchange(), ['PLAIN', ...tooMany]);
    expect(outcomes.at(-1)).to.deep.equal({ kind: 'too-long' });
    expect(outcomes.slice(1, -1).every((o) => o.kind === 'more')).to.equal(true);
  });

  it('takes the longest PLAIN a chat-line account can need', function () {
    const nick = 'n'.repeat(NICK_MAX_LENGTH);
    // MAX_PASSWORD counts UTF-16 units; 3-byte characters make the most bytes of them.
    const password = '€'.repeat(MAX_PASSWORD);
    const response = b64(`${nick}\0${nick}\0${password}`);
    expect(response.length).to.be.at.most(SASL_MAX_RESPONSE);
    const outcomes = run(new SaslExchange(), ['PLAIN', ...chunks(response)]);
    expect(outcomes.at(-1)).to.deep.equal({ kind: 'credentials', account: nick, password });
  });

  it('reads a response however it is chunked, a 400-byte last chunk followed by +', function () {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }).filter((p) => !p.includes('\0')), (password) => {
        const outcomes = run(new SaslExchange(), ['PLAIN', ...chunks(b64(`\0alice\0${password}`))]);
        expect(outcomes.slice(1, -1).every((o) => o.kind === 'more')).to.equal(true);
        expect(outcomes.at(-1)).to.deep.equal({ kind: 'credentials', account: 'alice', password });
      }),
    );
  });

  it('treats exactly 400 bytes as more to come', function () {
    // 300 bytes of PLAIN are exactly 400 of base64.
    const plain = `\0bob\0${'p'.repeat(295)}`;
    expect(b64(plain).length).to.equal(400);
    const exchange = new SaslExchange();
    expect(run(exchange, ['PLAIN', b64(plain)]).at(-1)).to.deep.equal({ kind: 'more' });
    expect(exchange.authenticate('+')).to.deep.equal({ kind: 'credentials', account: 'bob', password: 'p'.repeat(295) });
  });

  it('fails a client that sends more while its password is checked', function () {
    const exchange = new SaslExchange();
    run(exchange, ['PLAIN', b64('\0alice\0pw')]);
    expect(exchange.authenticate('PLAIN')).to.deep.equal({ kind: 'failed' });
    expect(exchange.succeeded()).to.equal(false);
  });
});
