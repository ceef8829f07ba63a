import type { Constructor } from '../mixin.js';
import type { NewScheduledMessage, ScheduledMessageRecord } from '../records.js';
import type { ScheduleStore } from '../schedule-store.js';
import { copyScheduled } from '../records.js';
import { nickKey } from '../collation.js';
import type { MemoryTables } from './memory-tables.js';

/** MemoryStore's scheduled messages. */
export function memorySchedule<Base extends Constructor<MemoryTables>>(base: Base) {
  return class MemorySchedule extends base implements ScheduleStore {
    addScheduled(message: NewScheduledMessage): Promise<ScheduledMessageRecord> {
      return this.use(() => {
        const record = copyScheduled(message, ++this.lastScheduledId);
        this.scheduled.set(record.id, record);
        return { ...record };
      });
    }

    listScheduled(author?: string): Promise<ScheduledMessageRecord[]> {
      return this.use(() => {
        const key = author === undefined ? undefined : nickKey(author);
        return [...this.scheduled.values()]
          .filter((message) => key === undefined || nickKey(message.author) === key)
          .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)
          .map((message) => ({ ...message }));
      });
    }

    takeScheduled(id: number): Promise<ScheduledMessageRecord | undefined> {
      return this.use(() => {
        const message = this.scheduled.get(id);
        this.scheduled.delete(id);
        return message;
      });
    }
  };
}
