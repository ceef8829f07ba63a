import type { ChatHub } from '../hub/chat-hub.js';
import type { Messages } from '../messages.js';
import type { ChatStore } from '../../store/chat-store.js';
import { formatWhen } from '../../util/time-text.js';
import type { NewScheduledMessage, ScheduledMessageRecord } from '../../store/records.js';
import type { Clock, Timer } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { refuse, refusalOf } from '../refusals.js';

/** Timers longer than this are re-armed in steps (setTimeout's limit is about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Also look for due messages this often: ones added by another server, or missed. */
const POLL_MS = 60_000;

/**
 * Sends scheduled messages when they fall due, through the hub's normal send path (so a
 * ban in force then stops them). Pending messages live in the store; a message is taken
 * out of it before it is sent, so it goes out at most once even with several servers.
 * Every server of a cluster arms a timer for the next one (a new message is announced on
 * the bus), so it goes out on time even if the server that accepted it has stopped; the
 * first to take it sends it.
 */
export class Scheduler {
  private timer: Timer | undefined;
  private poller: Timer | undefined;
  private running = false;
  private firing: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly hub: ChatHub,
    private readonly messages: Messages,
    private readonly store: ChatStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Another server added a scheduled message (a `schedule-changed` event): look again at when the next is due. */
  changed(): void {
    void this.arm();
  }

  /** Sends what fell due while the server was down, then waits for the next one. */
  async start(): Promise<void> {
    this.running = true;
    this.poller = this.clock.setInterval(() => void this.fire(), POLL_MS);
    this.poller.unref?.();
    await this.fire();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    if (this.poller) this.clock.clearInterval(this.poller);
    this.timer = this.poller = undefined;
    await this.firing;
  }

  async schedule(message: Omit<NewScheduledMessage, 'createdAt'>): Promise<ScheduledMessageRecord> {
    const now = this.clock.now();
    if (message.dueAt <= now) throw refuse.timePassed();
    const record = await this.store.addScheduled({ ...message, createdAt: now });
    this.logger.info('schedule.add', { id: record.id, author: record.author, route: record.route, target: record.target, dueAt: new Date(record.dueAt).toISOString() });
    await this.arm();
    this.hub.publish({ type: 'schedule-changed' });
    return record;
  }

  list(author: string): Promise<ScheduledMessageRecord[]> {
    return this.store.listScheduled(author);
  }

  /** The id users see for a scheduled message (`s…`, see lib/chat/text/message-ids.ts). */
  shownId(message: ScheduledMessageRecord): string {
    return this.hub.ids.scheduled.encode(message.id);
  }

  /**
   * Cancels one of the author's pending messages, by the id they were shown; someone
   * else's, or anything that is no such id, answers like a missing one.
   */
  async cancel(author: string, shownId: string): Promise<ScheduledMessageRecord> {
    const id = this.hub.ids.scheduled.decode(shownId);
    const mine = id === undefined ? undefined : (await this.list(author)).find((s) => s.id === id);
    const taken = mine ? await this.store.takeScheduled(mine.id) : undefined;
    if (!taken) throw refuse.noSuchScheduled(shownId);
    this.logger.info('schedule.cancel', { id, author });
    return taken;
  }

  private fire(): Promise<void> {
    // One pass at a time; a timer or poll that fires during a pass asks for one more, since
    // the running pass may have read the pending list before that message fell due.
    if (this.firing) {
      this.again = true;
      return this.firing;
    }
    this.firing = (async () => {
      do {
        this.again = false;
        await this.sendDue();
      } while (this.againRequested() && this.isRunning());
    })().finally(() => {
      this.firing = undefined;
    });
    return this.firing;
  }

  private async sendDue(): Promise<void> {
    try {
      const now = this.clock.now();
      for (const pending of await this.store.listScheduled()) {
        if (pending.dueAt > now) break;
        const taken = await this.store.takeScheduled(pending.id);
        if (taken) await this.send(taken);
      }
    } catch (error) {
      this.logger.error('schedule.fire_failed', { error: String(error) });
    }
    await this.arm();
  }

  private async send(message: ScheduledMessageRecord): Promise<void> {
    const prefix = `your scheduled message ${this.shownId(message)}`;
    try {
      const queued =
        message.route === 'room'
          ? await this.messages.post(message.author, message.target, message.text)
          : await this.messages.sendPrivate(message.author, message.target, message.text);
      const sent = await queued.stored;
      this.logger.info('schedule.sent', { id: message.id, author: message.author, message: sent.id });
    } catch (error) {
      const reason = refusalOf(error)?.message ?? 'the server could not send it';
      this.logger.warn('schedule.refused', { id: message.id, author: message.author, reason });
      await this.tellAuthor(message.author, `${prefix} to ${message.route === 'room' ? '#' : ''}${message.target} was not sent: ${reason}`);
    }
  }

  /**
   * As a stored notice, since the author is often offline when their message falls due;
   * if even that cannot be stored, at least to the sessions they have open.
   */
  private async tellAuthor(author: string, text: string): Promise<void> {
    try {
      await this.messages.notify(author, text);
    } catch (error) {
      this.logger.error('schedule.notice_failed', { author, error: String(error) });
      this.hub.notifyUser(author, text);
    }
  }

  private async arm(): Promise<void> {
    if (!this.running) return;
    const next = (await this.store.listScheduled())[0];
    // Cleared after the read, so that of two arms at once (a bus event during a pass) one timer is left.
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    // stop() may have run while the store was being read.
    if (!next || !this.isRunning()) return;
    const delay = Math.min(Math.max(next.dueAt - this.clock.now(), 0), MAX_TIMER_MS);
    this.timer = this.clock.setTimeout(() => void this.fire(), delay);
    this.timer.unref?.();
  }

  /** Read through a method: the flag changes while a pass awaits, which the type checker cannot see. */
  private againRequested(): boolean {
    return this.again;
  }

  private isRunning(): boolean {
    return this.running;
  }

  describe(message: ScheduledMessageRecord): string {
    const to = message.route === 'room' ? `#${message.target}` : `@${message.target}`;
    return `${this.shownId(message)}  ${formatWhen(message.dueAt, this.clock.now())}  ${to}  ${message.text}`;
  }
}
