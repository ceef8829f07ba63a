import { expect } from 'chai';
import { countingLogger } from '../../lib/ops/metrics-logger.js';
import { Metrics } from '../../lib/ops/metrics.js';
import type { Logger } from '../../lib/util/logger.js';

describe('counting logged events as metrics', function () {
  it('counts connections, logins, refused logins, dropped slow consumers and bans whatever the level, and passes every event on', async function () {
    const metrics = await Metrics.create();
    const passed: string[] = [];
    const inner: Logger = {
      debug: (event) => passed.push(event),
      info: (event) => passed.push(event),
      warn: (event) => passed.push(event),
      error: (event) => passed.push(event),
    };
    const logger = countingLogger(inner, metrics);
    logger.info('session.connect', { session: 1 });
    logger.info('session.login');
    logger.warn('login.failed');
    logger.warn('login.throttled');
    logger.warn('login.throttled');
    logger.warn('session.slow_consumer');
    logger.warn('moderation.ban', { nick: 'troll' });
    logger.debug('something.else');
    expect(passed).to.have.length(8);
    const values = async (name: string): Promise<number[]> => (await metrics.registry.getSingleMetric(name)?.get())?.values.map((v: { value: number }) => v.value) ?? [];
    expect(await values('chat_line_connections_total')).to.deep.equal([1]);
    expect(await values('chat_line_logins_total')).to.deep.equal([1]);
    expect(await values('chat_line_slow_consumers_dropped_total')).to.deep.equal([1]);
    expect(await values('chat_line_bans_total')).to.deep.equal([1]);
    const failures = await metrics.registry.getSingleMetric('chat_line_login_failures_total')?.get();
    expect(failures?.values.map((v: { labels: Record<string, unknown>; value: number }) => [v.labels.reason, v.value])).to.deep.equal([['wrong_password', 1], ['throttled', 2]]);
  });
});
