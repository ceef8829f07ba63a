import { expect } from 'chai';
import { DeliveryOrder } from '../../../lib/chat/hub/delivery-order.js';
import { fakeClock, type FakeClock } from '../../helpers/fake-clock.js';

describe('the order in which message ids reach a server', () => {
  let clock: FakeClock;
  let repaired: number[][];
  let order: DeliveryOrder;

  beforeEach(() => {
    clock = fakeClock();
    repaired = [];
    order = new DeliveryOrder({
      clock,
      repairAfterMs: 1000,
      repair: (ids) => {
        repaired.push([...ids]);
        for (const id of ids) order.accept(id);
        return Promise.resolve();
      },
    });
    order.start(10);
  });
  afterEach(() => {
    order.stop();
    expect(clock.pending()).to.equal(0);
  });

  it('takes ids in order and refuses every id a second time, and those stored before it started', () => {
    expect([11, 12, 13].map((id) => order.accept(id))).to.deep.equal([true, true, true]);
    expect([10, 12, 13, 5].map((id) => order.accept(id))).to.deep.equal([false, false, false, false]);
    expect(order.handledUpTo).to.equal(13);
    expect(order.newest).to.equal(13);
  });

  it('counts as handled only up to a gap, and closes the gap when the late id comes', () => {
    order.accept(11);
    order.accept(13);
    expect([order.handledUpTo, order.newest]).to.deep.equal([11, 13]);
    expect(order.accept(13)).to.equal(false);
    expect(order.accept(12)).to.equal(true);
    expect([order.handledUpTo, order.newest]).to.deep.equal([13, 13]);
  });

  it('gives a catch-up the ids handled so far, gap and all, and not the one still on its way', () => {
    order.accept(11);
    order.accept(13);
    const cutoff = order.cutoff();
    order.accept(12);
    order.accept(14);
    expect(cutoff.newest).to.equal(13);
    expect([10, 11, 12, 13, 14].map((id) => cutoff.includes(id))).to.deep.equal([true, true, false, true, false]);
  });

  it('reads an id from the store when it is still missing at two checks in a row', async () => {
    order.accept(11);
    order.accept(13);
    await clock.advance(1000);
    expect(repaired).to.deep.equal([]);
    await clock.advance(1000);
    expect(repaired).to.deep.equal([[12]]);
    expect(order.handledUpTo).to.equal(13);
  });

  it('repairs nothing when the late id arrives between the checks', async () => {
    order.accept(11);
    order.accept(13);
    await clock.advance(1000);
    order.accept(12);
    await clock.advance(5000);
    expect(repaired).to.deep.equal([]);
  });

  it('works through a large gap batch by batch', async () => {
    order.accept(1011);
    await clock.advance(1000);
    await clock.advance(1000);
    expect(repaired.map((ids) => ids.length)).to.deep.equal([500]);
    // The rest of the gap is as old: no second wait for it.
    await clock.advance(1);
    expect(repaired.map((ids) => ids.length)).to.deep.equal([500, 500]);
    expect(order.handledUpTo).to.equal(1011);
  });
});
