import type { EventBus } from '../hub/events.js';
import { subscribeHeld, type HeldSubscription } from '../hub/held-events.js';
import type { SendAttempt, SendGate } from './send-gate.js';
import { formatWhen } from '../../util/time-text.js';
import type { ChatStore } from '../../store/chat-store.js';
import type { BanRecord, ReportRecord } from '../../store/records.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { requireStanding, type StandingRule } from './report-standing.js';
import { refuse } from '../refusals.js';

export interface ReportBanOptions extends StandingRule {
  /** Reports from this many different users start a ban. */
  threshold: number;
  durationMs: number;
  /** Operators are never banned by reports, and their own reports always count. */
  isOperator(nick: string): boolean;
}

/** How the rules speak to people; the hub implements it. */
export interface RuleNotices {
  notifyUser(nick: string, text: string): void;
  notifyRoomMembers(room: string, text: string): void;
  currentRoomsOf(nick: string): string[];
}

export interface ReportOutcome {
  target: string;
  reports: number;
  ban: BanRecord | undefined;
}

/**
 * `/ban <nick>` files a report; reports from `threshold` different users ban the target
 * from sending for `durationMs`. A ban cycle ends when the ban does: the reports are then
 * forgotten and everyone may report again. Active bans are kept in memory (every send
 * checks them) and follow ban events on the bus, so every server of a cluster agrees.
 */
export class ReportBans implements SendGate {
  private readonly bans = new Map<string, BanRecord>();
  private readonly events: HeldSubscription;

  constructor(
    private readonly store: ChatStore,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ReportBanOptions,
    private readonly notices: RuleNotices,
  ) {
    // Ban events of other servers during the load are applied after it (see held-events.ts).
    this.events = subscribeHeld(bus, (event) => {
      if (event.type === 'ban-started') this.bans.set(event.ban.nick.toLowerCase(), event.ban);
      else if (event.type === 'ban-ended') this.bans.delete(event.nick.toLowerCase());
    });
  }

  async load(): Promise<void> {
    for (const ban of await this.store.listBans()) this.bans.set(ban.nick.toLowerCase(), ban);
    this.events.release();
  }

  /**
   * The ban in force on `nick`, ending an expired one on the way. An operator has none, even
   * if one was stored before they were named operator.
   */
  activeBan(nick: string): BanRecord | undefined {
    const ban = this.bans.get(nick.toLowerCase());
    if (!ban || this.options.isOperator(ban.nick)) return undefined;
    if (ban.until > this.clock.now()) return ban;
    void this.end(ban.nick, 'expired');
    return undefined;
  }

  /** Reports counting towards a ban in the current cycle. */
  reportsAgainst(nick: string): Promise<ReportRecord[]> {
    return this.store.listReports(nick);
  }

  /** Every report of the current cycles, by target: for operators (`/reports`). */
  allReports(): Promise<ReportRecord[]> {
    return this.store.listAllReports();
  }

  get threshold(): number {
    return this.options.threshold;
  }

  check(attempt: SendAttempt): void {
    const ban = this.activeBan(attempt.from);
    if (ban) throw refuse.banned(formatWhen(ban.until, this.clock.now()));
  }

  async report(reporter: string, targetNick: string): Promise<ReportOutcome> {
    const user = await this.store.getUser(targetNick);
    if (!user) throw refuse.noSuchUser(targetNick);
    const target = user.nick;
    if (target.toLowerCase() === reporter.toLowerCase()) throw refuse.selfReport();
    if (this.options.isOperator(target)) {
      throw refuse.notReportable(target);
    }
    const now = this.clock.now();
    if (!this.options.isOperator(reporter)) {
      try {
        await requireStanding(this.store, this.options, reporter, now);
      } catch (error) {
        this.logger.info('moderation.report_refused', { target, by: reporter, reason: 'no_standing' });
        throw error;
      }
    }
    const ban = this.activeBan(target);
    if (ban) throw refuse.alreadyBanned(target, formatWhen(ban.until, now));
    if (!(await this.store.addReport({ target, reporter, at: now }))) {
      throw refuse.alreadyReported(target);
    }
    const reports = (await this.store.listReports(target)).length;
    this.logger.info('moderation.report', { target, by: reporter, reports, threshold: this.options.threshold });
    this.notices.notifyUser(target, `someone reported you (${reports} of ${this.options.threshold} reports ban you from sending for a while)`);
    if (reports < this.options.threshold) return { target, reports, ban: undefined };
    const started: BanRecord = { nick: target, until: now + this.options.durationMs };
    await this.store.setBan(started);
    this.bus.publish({ type: 'ban-started', ban: started });
    this.logger.warn('moderation.ban', { nick: target, until: new Date(started.until).toISOString(), reports });
    return { target, reports, ban: started };
  }

  /**
   * Tells the rooms the banned user is talking in (#general if offline) that they are
   * banned. Apart from `report`, so the reporter hears the outcome first.
   */
  announce(outcome: ReportOutcome): void {
    if (!outcome.ban) return;
    const rooms = this.notices.currentRoomsOf(outcome.target);
    const when = formatWhen(outcome.ban.until, this.clock.now());
    const text = `${outcome.target} was reported by ${outcome.reports} users and cannot send until ${when}`;
    for (const room of rooms.length > 0 ? rooms : ['general']) this.notices.notifyRoomMembers(room, text);
  }

  /** An operator's /unban: ends the ban, if any, and clears the reports either way. */
  async lift(nick: string, by: string): Promise<boolean> {
    const lifted = await this.end(nick, `lifted by ${by}`);
    this.logger.info('operator.unban', { nick, by, lifted });
    return lifted;
  }

  /** Ends a ban (expired, or lifted by an operator) and starts a new cycle of reports. */
  async end(nick: string, reason: string): Promise<boolean> {
    const ban = this.bans.get(nick.toLowerCase());
    this.bans.delete(nick.toLowerCase());
    await this.store.clearBan(nick);
    await this.store.clearReports(nick);
    if (!ban) return false;
    this.bus.publish({ type: 'ban-ended', nick: ban.nick });
    this.logger.info('moderation.ban_ended', { nick: ban.nick, reason });
    return true;
  }
}
