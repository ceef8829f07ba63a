import { expect } from 'chai';
import sinon from 'sinon';
import { LoginThrottle } from '../../lib/auth/login-throttle.js';
import { systemClock } from '../../lib/util/clock.js';

describe('slowing down password guessing', function () {
  let clock: sinon.SinonFakeTimers;
  let throttle: LoginThrottle;
  const keys = ['nick:alice|127.0.0.1'];

  beforeEach(function () {
    clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    throttle = new LoginThrottle(systemClock, { freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 });
  });
  afterEach(function () {
    clock.restore();
  });

  it('lets the first three attempts through at once', function () {
    throttle.recordFailure(keys);
    throttle.recordFailure(keys);
    expect(throttle.retryAfter(keys)).to.equal(0);
  });

  it('makes each attempt after that wait twice as long, up to the maximum', function () {
    for (let i = 0; i < 3; i++) throttle.recordFailure(keys);
    expect(throttle.retryAfter(keys)).to.equal(1000);
    clock.tick(1000);
    expect(throttle.retryAfter(keys)).to.equal(0);
    throttle.recordFailure(keys);
    expect(throttle.retryAfter(keys)).to.equal(2000);
    for (let i = 0; i < 5; i++) throttle.recordFailure(keys);
    expect(throttle.retryAfter(keys)).to.equal(8000);
  });

  it('forgets failures after a quiet period and after a successful login', function () {
    for (let i = 0; i < 4; i++) throttle.recordFailure(keys);
    clock.tick(60_001);
    expect(throttle.retryAfter(keys)).to.equal(0);
    for (let i = 0; i < 4; i++) throttle.recordFailure(keys);
    throttle.recordSuccess(keys);
    expect(throttle.retryAfter(keys)).to.equal(0);
  });

  it('drops stale entries as new ones come in, so failures from ever new addresses cannot grow memory without bound', function () {
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 1000; i++) throttle.recordFailure([`addr:10.${round}.${i >> 8}.${i & 255}`]);
      clock.tick(60_001);
    }
    expect(throttle.size).to.be.at.most(3000);
  });

  it('keeps other nicks and addresses unaffected', function () {
    for (let i = 0; i < 5; i++) throttle.recordFailure(keys);
    expect(throttle.retryAfter(['nick:bob|127.0.0.1'])).to.equal(0);
  });
});
