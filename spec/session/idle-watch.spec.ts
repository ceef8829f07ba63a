import { expect } from 'chai';
import { IdleWatch } from '../../lib/session/idle-watch.js';
import { fakeClock } from '../helpers/fake-clock.js';

describe('idle watch', () => {
  it('fires once the timeout passes with no activity', () => {
    const clock = fakeClock();
    let fired = 0;
    new IdleWatch(clock, 1000, () => fired++);
    clock.tick(999);
    expect(fired).to.equal(0);
    clock.tick(1);
    expect(fired).to.equal(1);
    clock.tick(10_000);
    expect(fired).to.equal(1);
    expect(clock.pending()).to.equal(0);
  });

  it('counts the timeout from the last activity, keeping a single timer', () => {
    const clock = fakeClock();
    let fired = 0;
    const watch = new IdleWatch(clock, 1000, () => fired++);
    for (let i = 0; i < 10; i++) {
      clock.tick(600);
      watch.touch();
      expect(clock.pending()).to.equal(1);
    }
    clock.tick(999);
    expect(fired).to.equal(0);
    clock.tick(1);
    expect(fired).to.equal(1);
  });

  it('leaves no timer after stop', () => {
    const clock = fakeClock();
    let fired = 0;
    const watch = new IdleWatch(clock, 1000, () => fired++);
    watch.stop();
    clock.tick(5000);
    expect(fired).to.equal(0);
    expect(clock.pending()).to.equal(0);
  });
});
