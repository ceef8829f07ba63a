import { expect } from 'chai';
import { FloodControl } from '../../lib/session/flood-control.js';
import { fakeClock } from '../helpers/fake-clock.js';

describe('flood control (fakelag)', () => {
  it('lets a burst through at once, then one line per 1/rate seconds', () => {
    const clock = fakeClock();
    const flood = new FloodControl(clock, { ratePerSecond: 5, burst: 3 });
    expect([flood.delayFor(), flood.delayFor(), flood.delayFor()]).to.deep.equal([0, 0, 0]);
    expect(flood.delayFor()).to.equal(200);
    clock.tick(199);
    expect(flood.delayFor()).to.equal(1);
    clock.tick(1);
    expect(flood.delayFor()).to.equal(0);
    expect(flood.delayFor()).to.equal(200);
  });

  it('never notices someone typing slower than the rate', () => {
    const clock = fakeClock();
    const flood = new FloodControl(clock, { ratePerSecond: 5, burst: 10 });
    for (let i = 0; i < 100; i++) {
      expect(flood.delayFor()).to.equal(0);
      clock.tick(250);
    }
  });

  it('refills up to the burst and no further after a pause', () => {
    const clock = fakeClock();
    const flood = new FloodControl(clock, { ratePerSecond: 5, burst: 2 });
    flood.delayFor();
    flood.delayFor();
    clock.tick(60_000);
    expect([flood.delayFor(), flood.delayFor()]).to.deep.equal([0, 0]);
    expect(flood.delayFor()).to.be.greaterThan(0);
  });

  it('counts as delayed only the queued lines that have no token yet', () => {
    const clock = fakeClock();
    const flood = new FloodControl(clock, { ratePerSecond: 1, burst: 10 });
    expect(flood.delayedCount(8)).to.equal(0);
    expect(flood.delayedCount(25)).to.equal(15);
    for (let i = 0; i < 10; i++) flood.delayFor();
    expect(flood.delayedCount(3)).to.equal(3);
    clock.tick(2000);
    expect(flood.delayedCount(3)).to.equal(1);
  });
});
