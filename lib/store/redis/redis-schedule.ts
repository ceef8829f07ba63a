import type { Constructor } from '../mixin.js';
import type { NewScheduledMessage, ScheduledMessageRecord } from '../records.js';
import type { ScheduleStore } from '../schedule-store.js';
import { copyScheduled } from '../records.js';
import { nickKey } from '../collation.js';
import { asInteger, asString, execReplies } from './redis-codec.js';
import type { RedisCore } from './redis-core.js';

/** RedisStore's scheduled messages: the `scheduled` hash, id -> the message as JSON (without its id). */
export function redisSchedule<Base extends Constructor<RedisCore>>(base: Base) {
  return class RedisSchedule extends base implements ScheduleStore {
    addScheduled(message: NewScheduledMessage): Promise<ScheduledMessageRecord> {
      return this.use(async () => {
        const { author, route, target, text, dueAt, createdAt } = message;
        const json = JSON.stringify({ author, route, target, text, dueAt, createdAt } satisfies NewScheduledMessage);
        const id = asInteger(await this.client.chatLineAddScheduled(this.prefix, json), 'addScheduled');
        return copyScheduled(message, id);
      });
    }

    listScheduled(author?: string): Promise<ScheduledMessageRecord[]> {
      return this.use(async () => {
        const key = author === undefined ? undefined : nickKey(author);
        // Pending messages are few (each user's handful): one HGETALL, filtered and sorted here.
        return Object.entries(await this.client.hgetall(this.key('scheduled')))
          .map(([id, json]) => toScheduled(Number(id), json))
          .filter((message) => key === undefined || nickKey(message.author) === key)
          .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
      });
    }

    takeScheduled(id: number): Promise<ScheduledMessageRecord | undefined> {
      return this.use(async () => {
        const key = this.key('scheduled');
        // One transaction: of two takes of the same id, only the one whose HDEL removed it wins.
        const results = await this.client.multi().hget(key, String(id)).hdel(key, String(id)).exec();
        const [json, removed] = execReplies(results, 'takeScheduled');
        return removed === 1 ? toScheduled(id, asString(json, 'a scheduled message')) : undefined;
      });
    }
  };
}

function toScheduled(id: number, json: string): ScheduledMessageRecord {
  return copyScheduled(JSON.parse(json) as NewScheduledMessage, id);
}
