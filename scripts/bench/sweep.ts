/**
 * Finds the highest rate that passes: double from `startRate` until a step fails (halve
 * instead if the first one fails), then bisect between the last pass and the first
 * failure. A failed step is tried once more before it counts: one hiccup (of the generator
 * as much as the server) would otherwise end the doubling far below what passes. Every
 * trial counts against `maxSteps`, so the sweep always ends; it ends early if a trial
 * leaves a backlog that does not clear.
 */
export interface SweepOptions {
  startRate: number;
  /** Never try more than this (msgs/s): a cap against a runaway doubling. */
  maxRate: number;
  /** Never try less than this; if even this fails, the sweep reports no passing rate. */
  minRate: number;
  maxSteps: number;
  /** Bisection steps after the bracket is found. */
  bisections: number;
  /** Stop bisecting once the bracket is narrower than this fraction of the passing rate. */
  resolution: number;
}

export interface Trial {
  rate: number;
  pass: boolean;
  /** False when the system had not recovered afterwards: later trials would measure the backlog, so the sweep ends. */
  settled: boolean;
}

export interface SweepResult<T extends Trial> {
  /** The sweep stopped early because a step's backlog did not clear. */
  aborted: boolean;
  /** The highest passing step, if any passed. */
  best: T | undefined;
  /** The lowest failing rate above `best`, if one was seen. */
  firstFailRate: number | undefined;
  steps: T[];
}

export async function sweepRate<T extends Trial>(
  options: SweepOptions,
  trial: (rate: number) => Promise<T>,
): Promise<SweepResult<T>> {
  const steps: T[] = [];
  let best: T | undefined;
  let failRate: number | undefined;
  const run = async (rate: number): Promise<T> => {
    let step = await trial(rate);
    steps.push(step);
    if (!step.pass && step.settled && steps.length < options.maxSteps) {
      step = await trial(rate);
      steps.push(step);
    }
    if (step.pass && (best === undefined || step.rate > best.rate)) best = step;
    if (!step.pass && (failRate === undefined || step.rate < failRate) && (best === undefined || step.rate > best.rate)) failRate = step.rate;
    return step;
  };

  // Bracket: double while passing, halve while failing.
  const unsettled = (): boolean => steps.at(-1)?.settled === false;
  let rate = Math.round(options.startRate);
  while (steps.length < options.maxSteps && !unsettled()) {
    const step = await run(rate);
    if (step.pass) {
      if (failRate !== undefined || rate * 2 > options.maxRate) break;
      rate *= 2;
    } else {
      if (best !== undefined || rate / 2 < options.minRate) break;
      rate = Math.round(rate / 2);
    }
  }

  // Bisect: [best.rate, failRate).
  for (let i = 0; i < options.bisections && steps.length < options.maxSteps && !unsettled(); i++) {
    if (best === undefined || failRate === undefined) break;
    if (failRate - best.rate <= best.rate * options.resolution) break;
    await run(Math.round((best.rate + failRate) / 2));
  }
  return { aborted: unsettled(), best, firstFailRate: failRate, steps };
}
