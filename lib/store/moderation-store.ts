import type { BanRecord, ReportRecord } from './records.js';

/** Reports and the bans they lead to, and the counters of rate limits. (Mutes are in ProfileStore.) */
export interface ModerationStore {
  /** Files a report; false (nothing changes) if this reporter already reported this target. */
  addReport(report: ReportRecord): Promise<boolean>;
  /** The reports against one target, oldest first. */
  listReports(target: string): Promise<ReportRecord[]>;
  /** The reports against everyone (for operators), by target (any case) and then oldest first. */
  listAllReports(): Promise<ReportRecord[]>;
  clearReports(target: string): Promise<void>;
  setBan(ban: BanRecord): Promise<void>;
  clearBan(nick: string): Promise<void>;
  listBans(): Promise<BanRecord[]>;

  /** Adds one to the counter `key` for the window starting at `windowStart`; returns the new count. */
  incrementCounter(key: string, windowStart: number): Promise<number>;
  getCounter(key: string, windowStart: number): Promise<number>;
  /** Forgets counters of windows that started before `windowStart`. */
  deleteCountersBefore(windowStart: number): Promise<void>;
}
