import { expect } from 'chai';
import { LoginTimer } from '../../lib/session/login-timer.js';
import { fakeClock } from '../helpers/fake-clock.js';

describe('the login timer', function () {
  it('expires once the time is up, counted from the latest start', function () {
    const clock = fakeClock(0);
    let expired = 0;
    const timer = new LoginTimer(clock, 60_000, () => expired++);
    timer.start();
    clock.tick(50_000);
    timer.start();
    clock.tick(59_999);
    expect(expired).to.equal(0);
    clock.tick(1);
    expect(expired).to.equal(1);
    expect(clock.pending()).to.equal(0);
  });

  it('does not expire while stopped, and never starts again once ended', function () {
    const clock = fakeClock(0);
    let expired = 0;
    const timer = new LoginTimer(clock, 1000, () => expired++);
    timer.start();
    timer.stop();
    clock.tick(5000);
    timer.start();
    timer.end();
    timer.start();
    clock.tick(5000);
    expect(expired).to.equal(0);
    expect(clock.pending()).to.equal(0);
  });
});
