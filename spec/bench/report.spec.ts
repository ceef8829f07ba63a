import { expect } from 'chai';
import { formatTable, tableRows } from '../../scripts/bench/report.js';
import { compareFanout, type BenchResults } from '../../scripts/bench/results.js';
import type { FanoutResult } from '../../scripts/bench/workloads/fanout.js';

const NO_LATENCY = { samples: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0 };

/** A sweep that topped out at `maxRate` (the steps themselves do not matter to the table's ratios). */
function sweep(server: FanoutResult['server'], maxRate: number): FanoutResult {
  return {
    server,
    room: { clients: 200, senders: 20 },
    login: { connected: 200, failed: 0, busy: 0, elapsedMs: 1000, loginTimes: NO_LATENCY },
    maxRate,
    firstFailRate: undefined,
    aborted: false,
    atMax: undefined,
    atFail: undefined,
    steps: [],
  };
}

describe('the bench table', function () {
  it('holds chat-line to the baseline of the same run', function () {
    const results: BenchResults = { W1: compareFanout(sweep('chat-line', 30_000), sweep('baseline', 40_000)) };
    const table = formatTable(tableRows(results));
    expect(table).to.match(/ratio +chat-line max = 75 % of baseline +>= 50 % +PASS/);
  });

  it('sets another build (--against) beside this tree, as a share, without a verdict of its own', function () {
    const results: BenchResults = {
      W1: compareFanout(sweep('chat-line', 36_000), sweep('baseline', 40_000)),
      against: { label: 'bdb1401', script: '/tmp/old/dist/server/server-main.js', W1: sweep('chat-line', 30_000) },
    };
    const rows = tableRows(results);
    expect(rows.map((row) => row[1])).to.deep.equal(['chat-line', 'chat-line bdb1401', 'ratio', 'baseline', 'ratio']);
    expect(rows[2]?.[2]).to.equal("this tree's max = 120 % of bdb1401's");
    expect(rows[2]?.[7]).to.equal('');
  });

  it('leaves the other build out of workloads it did not run', function () {
    const results: BenchResults = {
      W1: compareFanout(sweep('chat-line', 36_000), undefined),
      against: { label: 'bdb1401', script: '/tmp/old/dist/server/server-main.js' },
    };
    expect(tableRows(results).map((row) => row[1])).to.deep.equal(['chat-line']);
  });
});
