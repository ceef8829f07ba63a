import type { ChatHub } from './chat-hub.js';
import type { EventBus } from './events.js';
import type { ChatStore } from '../store/chat-store.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { GeneralRateLimit } from './moderation/general-rate-limit.js';
import { isOperator } from './moderation/operators.js';
import { MessageExpiry } from './message-expiry.js';
import { ReportBans } from './moderation/report-bans.js';
import { Scheduler } from './schedule/scheduler.js';

/** What the rules are told (the server's config has all of it). */
export interface RuleOptions {
  /** Reports from this many different users ban a user from sending. */
  banThreshold: number;
  banDurationMs: number;
  /** Messages per user to #general per window; 0 = unlimited. */
  rateLimit: number;
  rateWindowMs: number;
  /** Lifetime of messages; 0 = forever. */
  messageTtlMs: number;
  /** A report counts from an account this old that has sent this many messages. */
  reportMinAgeMs: number;
  reportMinMessages: number;
  /** The operators, whom reports never ban. */
  admins: readonly string[];
}

/** The rules of the chat (the seeds' optional features 8-12), wired to one hub. */
export class ChatRules {
  readonly reports: ReportBans;
  readonly rateLimit: GeneralRateLimit;
  readonly expiry: MessageExpiry;
  readonly scheduler: Scheduler;

  constructor(hub: ChatHub, store: ChatStore, bus: EventBus, config: RuleOptions, clock: Clock, logger: Logger) {
    this.reports = new ReportBans(
      store,
      bus,
      clock,
      logger,
      {
        threshold: config.banThreshold,
        durationMs: config.banDurationMs,
        minAgeMs: config.reportMinAgeMs,
        minMessages: config.reportMinMessages,
        isOperator: (nick) => isOperator(config, nick),
      },
      hub,
    );
    this.rateLimit = new GeneralRateLimit(store, clock, logger, { limit: config.rateLimit, windowMs: config.rateWindowMs });
    this.expiry = new MessageExpiry(store, clock, logger, config.messageTtlMs);
    this.scheduler = new Scheduler(hub, bus, clock, logger);
    // Order matters: the rate limit counts what it lets through, so it goes last.
    hub.useGate(this.reports);
    hub.useGate(this.rateLimit);
  }

  async start(): Promise<void> {
    await this.reports.load();
    await this.expiry.sweep();
    this.expiry.start();
    await this.scheduler.start();
  }

  async stop(): Promise<void> {
    this.expiry.stop();
    await this.scheduler.stop();
  }
}
