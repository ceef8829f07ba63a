import type { LogFields, Logger } from '../util/logger.js';
import type { Metrics } from './metrics.js';

/**
 * Log events that are also counted. Every one of these is already logged where it
 * happens (session, login flow, accounts), so counting them here keeps metrics and logs
 * in step without threading metrics through those files.
 */
const COUNTED: Readonly<Record<string, (metrics: Metrics) => void>> = {
  'session.connect': (m) => {
    m.connections.inc();
  },
  'session.login': (m) => {
    m.logins.inc();
  },
  'login.failed': (m) => {
    m.loginFailures.inc({ reason: 'wrong_password' });
  },
  'login.throttled': (m) => {
    m.loginFailures.inc({ reason: 'throttled' });
  },
  'session.slow_consumer': (m) => {
    m.slowConsumers.inc();
  },
  // Logged once, by the server where the last report came in (other servers hear of it on the bus).
  'moderation.ban': (m) => {
    m.bans.inc();
  },
  'ratelimit.refused': (m) => {
    m.rateLimitRefusals.inc();
  },
};

/** A logger that counts the events above (at any level setting) and passes everything on. */
export function countingLogger(inner: Logger, metrics: Metrics): Logger {
  const forward =
    (level: keyof Logger) =>
    (event: string, fields?: LogFields): void => {
      COUNTED[event]?.(metrics);
      inner[level](event, fields);
    };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
