import type { NewScheduledMessage, ScheduledMessageRecord } from './records.js';

/** Messages waiting to be sent at a later time. */
export interface ScheduleStore {
  addScheduled(message: NewScheduledMessage): Promise<ScheduledMessageRecord>;
  /** Pending messages of one author (or of everyone), by due time then id. */
  listScheduled(author?: string): Promise<ScheduledMessageRecord[]>;
  /**
   * Removes a pending message and returns it, or undefined if it is gone (sent or cancelled).
   * Exactly one caller wins, so a message is sent at most once.
   */
  takeScheduled(id: number): Promise<ScheduledMessageRecord | undefined>;
}
