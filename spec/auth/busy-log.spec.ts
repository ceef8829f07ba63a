import { expect } from 'chai';
import { BUSY_LOG_INTERVAL_MS, BusyLog } from '../../lib/auth/busy-log.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

describe('the log of logins turned away busy', function () {
  it('writes one warning per interval with how many were turned away, each refusal only at debug level', function () {
    const clock = fakeClock();
    const logger = new RecordingLogger();
    const log = new BusyLog(clock, logger);
    for (let i = 0; i < 500; i++) {
      log.refused(`new${i}`, `127.0.1.${i % 250}`);
      clock.tick(50);
    }
    const warnings = logger.entries.filter((entry) => entry.level === 'warn');
    // 25 s of refusals: at 0, 10 and 20 s.
    expect(warnings.map((w) => w.fields.refused)).to.deep.equal([1, 200, 200]);
    expect(warnings[0]?.fields).to.deep.include({ last: 'new0', address: '127.0.1.0' });
    expect(logger.entries.filter((entry) => entry.level === 'debug')).to.have.length(500);
    clock.tick(BUSY_LOG_INTERVAL_MS);
    log.refused('later', '127.0.0.9');
    expect(logger.entries.filter((entry) => entry.level === 'warn').at(-1)?.fields).to.deep.equal({ refused: 100, last: 'later', address: '127.0.0.9' });
  });
});
