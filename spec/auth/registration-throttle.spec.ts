import { expect } from 'chai';
import { RegistrationThrottle, type RegistrationReservation } from '../../lib/auth/registration-throttle.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';

const HOUR = 3_600_000;

function waitOf(reservation: RegistrationReservation): number {
  return reservation.allowed ? 0 : reservation.waitMs;
}

describe('limiting registrations per address', function () {
  let clock: FakeClock;
  let throttle: RegistrationThrottle;

  beforeEach(function () {
    clock = fakeClock(1_000_000);
    throttle = new RegistrationThrottle(clock, { limit: 3, windowMs: HOUR });
  });

  it('lets `limit` registrations through in a window, then says when the oldest leaves it', function () {
    for (let i = 0; i < 3; i++) {
      expect(waitOf(throttle.reserve('10.0.0.1'))).to.equal(0);
      clock.tick(60_000);
    }
    expect(waitOf(throttle.reserve('10.0.0.1'))).to.equal(HOUR - 3 * 60_000);
    expect(waitOf(throttle.reserve('10.0.0.2'))).to.equal(0);
    clock.tick(HOUR - 3 * 60_000);
    expect(waitOf(throttle.reserve('10.0.0.1'))).to.equal(0);
    expect(waitOf(throttle.reserve('10.0.0.1'))).to.be.above(0);
  });

  it('counts a registration from when it is reserved, and gives back one that was abandoned', function () {
    const pending = [throttle.reserve('10.0.0.1'), throttle.reserve('10.0.0.1'), throttle.reserve('10.0.0.1')];
    expect(waitOf(throttle.reserve('10.0.0.1'))).to.be.above(0);
    const first = pending[0];
    if (!first?.allowed) return expect.fail('the first registration was refused');
    first.registration.abandoned();
    first.registration.abandoned();
    expect(waitOf(throttle.reserve('10.0.0.1'))).to.equal(0);
    expect(waitOf(throttle.reserve('10.0.0.1'))).to.be.above(0);
  });

  it('lets everything through with a limit of 0', function () {
    throttle = new RegistrationThrottle(clock, { limit: 0, windowMs: HOUR });
    for (let i = 0; i < 100; i++) expect(waitOf(throttle.reserve('10.0.0.1'))).to.equal(0);
  });

  it('forgets addresses whose registrations left the window, so ever new addresses cannot grow memory without bound', function () {
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 1000; i++) throttle.reserve(`10.${round}.${i >> 8}.${i & 255}`);
      clock.tick(HOUR);
    }
    expect(throttle.size).to.be.at.most(3000);
  });
});
