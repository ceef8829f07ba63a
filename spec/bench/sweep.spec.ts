import { expect } from 'chai';
import { sweepRate, type SweepOptions, type Trial } from '../../scripts/bench/sweep.js';

const OPTIONS: SweepOptions = { startRate: 250, maxRate: 200_000, minRate: 10, maxSteps: 20, bisections: 4, resolution: 0.05 };

/** A server that passes up to `limit` msgs/s, and fails the given (rate, attempt) pairs by accident. */
function server(limit: number, hiccups: readonly number[] = []): { trial: (rate: number) => Promise<Trial>; tried: number[] } {
  const tried: number[] = [];
  const left = [...hiccups];
  return {
    tried,
    trial: (rate) => {
      tried.push(rate);
      const hiccup = left.indexOf(rate);
      if (hiccup >= 0) left.splice(hiccup, 1);
      return Promise.resolve({ rate, pass: hiccup < 0 && rate <= limit, settled: true });
    },
  };
}

describe('the bench sweep for the highest passing rate', function () {
  it('doubles to the first failure, then bisects to within the resolution', async function () {
    const { trial } = server(30_000);
    const result = await sweepRate(OPTIONS, trial);
    expect(result.best?.rate).to.be.within(28_500, 30_000);
    expect(result.firstFailRate).to.be.within(30_001, 32_000);
  });

  it('tries a failed step once more, so one hiccup far below the limit does not end the doubling there', async function () {
    const { trial, tried } = server(30_000, [2000]);
    const result = await sweepRate(OPTIONS, trial);
    expect(tried.slice(0, 5)).to.deep.equal([250, 500, 1000, 2000, 2000]);
    expect(result.best?.rate).to.be.within(28_500, 30_000);
  });

  it('counts a step that fails twice as a failure', async function () {
    const { trial } = server(30_000, [2000, 2000]);
    const result = await sweepRate(OPTIONS, trial);
    expect(result.firstFailRate).to.equal(2000);
    expect(result.best?.rate).to.be.below(2000);
  });
});
