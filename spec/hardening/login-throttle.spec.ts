import { expect } from 'chai';
import { DEFAULT_SCRYPT } from '../../lib/auth/password.js';
import { DEFAULT_CONFIG } from '../../lib/config.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { TestServer } from '../helpers/test-server.js';

/** Registration messages say `13:00 (in 1 hour)`, so the tests start at a known local time. */
const NOON = new Date(2026, 10, 23, 12, 0, 0).getTime();
const ANSWER = /^(ERROR [A-Z_]+: .*|-- welcome, .*)$/;

describe('login and registration throttles, over real sockets from several addresses (the defaults)', function () {
  let clock: FakeClock;
  let server: TestServer;

  beforeEach(function () {
    clock = fakeClock(NOON);
  });
  afterEach(async function () {
    await server.stop();
  });

  /** `/login nick password` on a new connection from `from`: the server's answer. */
  async function loginFrom(from: string, nick: string, password: string): Promise<string> {
    const client = await server.connect(from);
    client.write(`/login ${nick} ${password}`);
    const answer = await client.waitFor(ANSWER);
    client.close();
    return answer;
  }

  /** Sends `/login <nick> wrong<i>` on every connection at once; returns how many passwords were checked, and every answer. */
  async function guessAtOnce(froms: readonly string[], nick: string): Promise<{ checked: number; answers: string[] }> {
    const guessers = await Promise.all(froms.map((from) => server.connect(from)));
    await Promise.all(guessers.map((guesser) => guesser.waitFor(/^nickname: $/)));
    for (const [i, guesser] of guessers.entries()) guesser.write(`/login ${nick} wrong${i}`);
    const answers = await Promise.all(guessers.map((guesser) => guesser.waitFor(/^ERROR /)));
    return { checked: answers.filter((answer) => answer.startsWith('ERROR WRONG_PASSWORD')).length, answers };
  }

  it('checks at most 3 of 20 guesses sent at once from one address, and at most 10 from 20 addresses; the rest are refused at once', async function () {
    // The real scrypt, so that the checks take as long as they do in production.
    server = await TestServer.start({ scrypt: DEFAULT_SCRYPT }, { clock });
    (await server.login('victim', 'right')).close();
    const fromOne = await guessAtOnce(Array.from({ length: 20 }, () => '127.0.0.2'), 'victim');
    expect(fromOne.checked).to.be.within(1, 3);
    expect(fromOne.answers.filter((answer) => answer.startsWith('ERROR LOGIN_THROTTLED: '))).to.have.length(20 - fromOne.checked);
    await clock.advance(15 * 60_000 + 1);
    const fromMany = await guessAtOnce(Array.from({ length: 20 }, (_, i) => `127.0.1.${i + 1}`), 'victim');
    // However the guesses interleave with the checks: the account's free attempts bound them
    // (and while 2 checks run, the others are turned away, so it is 2 or 3 here in practice).
    expect(fromMany.checked).to.be.within(1, DEFAULT_CONFIG.loginAccountAttempts);
    // The owner, where she registered, is not held back.
    expect(await loginFrom('127.0.0.1', 'victim', 'right')).to.equal('-- welcome, victim! You are in #general. Type /help for commands.');
  });

  it('holds back guesses at one nick from many addresses, but not its owner where she logged in before', async function () {
    server = await TestServer.start({}, { clock });
    (await server.login('victim', 'right')).close();
    for (let i = 2; i < 2 + DEFAULT_CONFIG.loginAccountAttempts; i++) {
      expect(await loginFrom(`127.0.0.${i}`, 'victim', 'wrong')).to.match(/^ERROR WRONG_PASSWORD/);
    }
    expect(await loginFrom('127.0.0.50', 'victim', 'wrong')).to.equal(
      'ERROR LOGIN_THROTTLED: Too many failed logins for victim from elsewhere. Try again in 1 s. Where victim has logged in before, the right password works now.',
    );
    expect(await loginFrom('127.0.0.1', 'victim', 'right')).to.match(/^-- welcome, victim!/);
    // From a new address the owner waits like everyone else, but not for long.
    expect(await loginFrom('127.0.0.51', 'victim', 'right')).to.match(/^ERROR LOGIN_THROTTLED: .* Try again in 1 s\./);
    clock.tick(1000);
    expect(await loginFrom('127.0.0.51', 'victim', 'right')).to.match(/^-- welcome, victim!/);
  });

  it("throttles one nick's failures from an address without holding back other nicks from it, up to many failures from the address", async function () {
    server = await TestServer.start({}, { clock });
    const nicks = Array.from({ length: 10 }, (_, i) => `u${i}`);
    for (const nick of ['alice', 'bob', 'dave', ...nicks]) (await server.login(nick, 'right')).close();
    const guesser = await server.connect();
    for (let i = 0; i < 3; i++) guesser.write('/login alice nope');
    await guesser.waitClosed();
    expect(await loginFrom('127.0.0.1', 'bob', 'right')).to.match(/^-- welcome, bob!/);
    expect(await loginFrom('127.0.0.1', 'alice', 'right')).to.equal('ERROR LOGIN_THROTTLED: Too many failed logins for alice from your address. Try again in 1 s.');

    // 3 failures for each of 10 nicks: the address's 30.
    for (const nick of nicks) {
      const sprayer = await server.connect('127.0.0.2');
      for (let i = 0; i < 3; i++) sprayer.write(`/login ${nick} nope`);
      await sprayer.waitClosed();
    }
    expect(await loginFrom('127.0.0.2', 'dave', 'right')).to.equal('ERROR LOGIN_THROTTLED: Too many failed logins from your address. Try again in 1 s.');
    expect(await loginFrom('127.0.0.3', 'dave', 'right')).to.match(/^-- welcome, dave!/);
    clock.tick(1000);
    expect(await loginFrom('127.0.0.2', 'dave', 'right')).to.match(/^-- welcome, dave!/);
  });

  it('takes the three counts of failures from --login-attempts, --login-account-attempts and --login-address-attempts', async function () {
    server = await TestServer.start({ loginAttempts: 1, loginAccountAttempts: 1, loginAddressAttempts: 2 }, { clock });
    for (const nick of ['victim', 'alice', 'bob', 'carol', 'dave']) (await server.login(nick, 'right')).close();
    expect(await loginFrom('127.0.0.2', 'victim', 'wrong')).to.match(/^ERROR WRONG_PASSWORD/);
    expect(await loginFrom('127.0.0.2', 'victim', 'right')).to.match(/^ERROR LOGIN_THROTTLED: Too many failed logins for victim from your address/);
    expect(await loginFrom('127.0.0.3', 'alice', 'wrong')).to.match(/^ERROR WRONG_PASSWORD/);
    expect(await loginFrom('127.0.0.4', 'alice', 'right')).to.match(/^ERROR LOGIN_THROTTLED: Too many failed logins for alice from elsewhere/);
    expect(await loginFrom('127.0.0.5', 'bob', 'wrong')).to.match(/^ERROR WRONG_PASSWORD/);
    expect(await loginFrom('127.0.0.5', 'carol', 'wrong')).to.match(/^ERROR WRONG_PASSWORD/);
    expect(await loginFrom('127.0.0.5', 'dave', 'right')).to.match(/^ERROR LOGIN_THROTTLED: Too many failed logins from your address/);
  });

  it('registers at most 10 accounts an hour from one address, saying when to try again; logins and other addresses go on', async function () {
    server = await TestServer.start({ registerLimit: DEFAULT_CONFIG.registerLimit, registerWindowMs: DEFAULT_CONFIG.registerWindowMs }, { clock });
    for (let i = 0; i < 10; i++) (await server.login(`new${i}`)).close();
    expect(await loginFrom('127.0.0.1', 'new10', 'pw')).to.equal(
      'ERROR REGISTRATION_THROTTLED: Too many new accounts from your address (at most 10 per 1 hour). Try again at 13:00 (in 1 hour), or log in to an account you have.',
    );
    const prompted = await server.connect();
    prompted.write('new10');
    await prompted.waitFor(/^password: $/);
    prompted.write('pw');
    await prompted.waitFor(/^ERROR REGISTRATION_THROTTLED: /);
    await prompted.waitFor(/^nickname: $/);
    expect(await server.running.store.getUser('new10')).to.equal(undefined);
    expect(await loginFrom('127.0.0.1', 'new0', 'pw')).to.match(/^-- welcome, new0!/);
    expect(await loginFrom('127.0.0.2', 'new10', 'pw')).to.match(/^-- welcome, new10!/);
    await clock.advance(3_600_000);
    expect(await loginFrom('127.0.0.1', 'new11', 'pw')).to.match(/^-- welcome, new11!/);
  });
});
