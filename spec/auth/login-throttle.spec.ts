import { expect } from 'chai';
import { LoginThrottle, type LoginAttempt, type LoginLimits, type Refusal, type Reservation } from '../../lib/auth/login-throttle.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';

const LIMITS: LoginLimits = {
  perPair: 3,
  perAddress: 10,
  perAccount: 5,
  inFlightPerAddress: 4,
  inFlightPerAccount: 2,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  forgetAfterMs: 60_000,
  knownForMs: 86_400_000,
};

function attempt(reservation: Reservation): LoginAttempt {
  if (!reservation.allowed) expect.fail(`refused: ${reservation.refusal.scope} for ${reservation.refusal.waitMs} ms`);
  return reservation.attempt;
}

function refusal(reservation: Reservation): Refusal {
  if (reservation.allowed) return expect.fail('allowed');
  return reservation.refusal;
}

describe('slowing down password guessing', function () {
  let clock: FakeClock;
  let throttle: LoginThrottle;

  /** One wrong password for `nick` from `address`, checked and failed. */
  function fail(nick: string, address: string): void {
    attempt(throttle.reserve(nick, address)).failed();
  }

  beforeEach(function () {
    clock = fakeClock(1_000_000);
    throttle = new LoginThrottle(clock, LIMITS);
  });

  it('lets the first three failures of a nick from an address through, then makes each try wait twice as long, up to the maximum', function () {
    fail('alice', '10.0.0.1');
    fail('alice', '10.0.0.1');
    fail('alice', '10.0.0.1');
    expect(refusal(throttle.reserve('alice', '10.0.0.1'))).to.deep.equal({ scope: 'pair', reason: 'failures', waitMs: 1000 });
    clock.tick(1000);
    fail('alice', '10.0.0.1');
    expect(refusal(throttle.reserve('alice', '10.0.0.1'))).to.deep.equal({ scope: 'pair', reason: 'failures', waitMs: 2000 });
    for (const wait of [2000, 4000, 8000]) {
      clock.tick(wait);
      fail('alice', '10.0.0.1');
    }
    expect(refusal(throttle.reserve('alice', '10.0.0.1')).waitMs).to.equal(8000);
  });

  it('counts checks still running against the limit, so attempts sent at once cannot all be checked', function () {
    // Only the nick-and-address level here: the account's own bound on checks at once is tested below.
    throttle = new LoginThrottle(clock, { ...LIMITS, inFlightPerAccount: 10 });
    const running = [throttle.reserve('alice', '10.0.0.1'), throttle.reserve('alice', '10.0.0.1'), throttle.reserve('alice', '10.0.0.1')].map(attempt);
    expect(refusal(throttle.reserve('alice', '10.0.0.1'))).to.deep.include({ scope: 'pair', reason: 'busy' });
    for (const check of running) check.failed();
    clock.tick(1000);
    // Over the free attempts, one at a time: a second waits for the first to be answered.
    const next = attempt(throttle.reserve('alice', '10.0.0.1'));
    expect(refusal(throttle.reserve('alice', '10.0.0.1'))).to.deep.include({ scope: 'pair', reason: 'busy' });
    next.failed();
    expect(refusal(throttle.reserve('alice', '10.0.0.1')).waitMs).to.equal(2000);
  });

  it('keeps other nicks from the same address unaffected until the address has many more failures', function () {
    for (let i = 0; i < 5; i++) {
      clock.tick(8000);
      fail('alice', '10.0.0.1');
    }
    attempt(throttle.reserve('bob', '10.0.0.1')).succeeded();
    for (let i = 0; i < 3; i++) fail('bob', '10.0.0.1');
    for (let i = 0; i < 2; i++) fail('carol', '10.0.0.1');
    // 5 + 3 + 2 failures from the address: its 10 free ones are used up.
    expect(refusal(throttle.reserve('dave', '10.0.0.1'))).to.deep.include({ scope: 'address', reason: 'failures' });
    attempt(throttle.reserve('dave', '10.0.0.2')).succeeded();
  });

  it('bounds the checks running at once from one address, whatever the nicks', function () {
    const running = ['a', 'b', 'c', 'd'].map((nick) => attempt(throttle.reserve(nick, '10.0.0.1')));
    expect(refusal(throttle.reserve('e', '10.0.0.1'))).to.deep.include({ scope: 'address', reason: 'busy' });
    running[0]!.succeeded();
    attempt(throttle.reserve('e', '10.0.0.1')).abandoned();
  });

  it('limits guesses at one nick from many addresses, but not from an address it logged in from before', function () {
    attempt(throttle.reserve('alice', '10.0.0.1')).succeeded();
    for (let i = 2; i <= 6; i++) fail('alice', `10.0.0.${i}`);
    expect(refusal(throttle.reserve('alice', '10.0.0.7'))).to.deep.equal({ scope: 'account', reason: 'failures', waitMs: 1000 });
    // The owner, from where she logged in before, is not held back (nor counted).
    fail('alice', '10.0.0.1');
    attempt(throttle.reserve('alice', '10.0.0.1')).succeeded();
    clock.tick(1000);
    attempt(throttle.reserve('alice', '10.0.0.7')).succeeded();
    // A success from a new address does not wipe the account's count: the guessing goes on elsewhere.
    fail('alice', '10.0.0.8');
    expect(refusal(throttle.reserve('alice', '10.0.0.9'))).to.deep.equal({ scope: 'account', reason: 'failures', waitMs: 2000 });
  });

  it('bounds the checks of one nick running at once from addresses it has not logged in from', function () {
    const running = [attempt(throttle.reserve('alice', '10.0.0.2')), attempt(throttle.reserve('alice', '10.0.0.3'))];
    expect(refusal(throttle.reserve('alice', '10.0.0.4'))).to.deep.include({ scope: 'account', reason: 'busy' });
    running[0]!.failed();
    attempt(throttle.reserve('alice', '10.0.0.4')).failed();
    running[1]!.failed();
  });

  it('puts checks from where failures are on record at the back of the hashing queue', function () {
    expect(attempt(throttle.reserve('alice', '10.0.0.1')).priority).to.equal('high');
    fail('bob', '10.0.0.1');
    expect(attempt(throttle.reserve('alice', '10.0.0.1')).priority).to.equal('low');
    expect(attempt(throttle.reserve('carol', '10.0.0.2')).priority).to.equal('high');
  });

  it('forgets failures after a quiet period, and a nick-and-address count after a successful login', function () {
    for (let i = 0; i < 3; i++) fail('alice', '10.0.0.1');
    clock.tick(60_001);
    attempt(throttle.reserve('alice', '10.0.0.1')).failed();
    fail('alice', '10.0.0.1');
    attempt(throttle.reserve('alice', '10.0.0.1')).succeeded();
    for (let i = 0; i < 3; i++) fail('alice', '10.0.0.1');
    expect(refusal(throttle.reserve('alice', '10.0.0.1'))).to.deep.include({ scope: 'pair', reason: 'failures' });
  });

  it('drops stale entries as new ones come in, so failures from ever new addresses cannot grow memory without bound', function () {
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 1000; i++) fail(`n${i}`, `10.${round}.${i >> 8}.${i & 255}`);
      clock.tick(60_001);
    }
    expect(throttle.size).to.be.at.most(3 * 3000);
  });
});
