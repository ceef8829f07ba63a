import type { Constructor } from '../mixin.js';
import type { ModerationStore } from '../moderation-store.js';
import type { BanRecord, ReportRecord } from '../records.js';
import { compareStrings, nickKey } from '../collation.js';
import { asCount, asInteger, execReplies } from './redis-codec.js';
import type { RedisCore } from './redis-core.js';

/** RedisStore's reports (`reports:<nk>`), bans (`bans`) and rate-limit counters (`counter:<windowStart>`). */
export function redisModeration<Base extends Constructor<RedisCore>>(base: Base) {
  return class RedisModeration extends base implements ModerationStore {
    addReport(report: ReportRecord): Promise<boolean> {
      return this.use(async () => {
        const json = JSON.stringify({ target: report.target, reporter: report.reporter, at: report.at });
        const reply = await this.client.chatLineAddReport(this.prefix, nickKey(report.target), nickKey(report.reporter), json);
        return asInteger(reply, 'addReport') === 1;
      });
    }

    listReports(target: string): Promise<ReportRecord[]> {
      return this.use(() => this.reportsAt(this.key(`reports:${nickKey(target)}`)));
    }

    listAllReports(): Promise<ReportRecord[]> {
      return this.use(async () => {
        // An operator's command, rare: a SCAN of the report keys needs no index to keep up to date.
        const keys = new Set<string>();
        const scan = this.client.scanStream({ match: `${escapeGlob(this.key('reports:'))}*`, count: 500 });
        for await (const batch of scan as AsyncIterable<string[]>) for (const key of batch) keys.add(key);
        // The keys end in the target's nickKey, so their order is the targets' order in any case.
        const lists = await Promise.all([...keys].sort(compareStrings).map((key) => this.reportsAt(key)));
        return lists.flat();
      });
    }

    clearReports(target: string): Promise<void> {
      return this.use(async () => {
        await this.client.del(this.key(`reports:${nickKey(target)}`));
      });
    }

    setBan(ban: BanRecord): Promise<void> {
      return this.use(async () => {
        // A new ban replaces the old one whole, the nick's display form included.
        await this.client.hset(this.key('bans'), nickKey(ban.nick), JSON.stringify({ nick: ban.nick, until: ban.until }));
      });
    }

    clearBan(nick: string): Promise<void> {
      return this.use(async () => {
        await this.client.hdel(this.key('bans'), nickKey(nick));
      });
    }

    listBans(): Promise<BanRecord[]> {
      return this.use(async () => (await this.jsonByNick<BanRecord>('bans')).map(({ nick, until }) => ({ nick, until })));
    }

    incrementCounter(key: string, windowStart: number): Promise<number> {
      return this.use(async () => {
        // HINCRBY is atomic whoever else increments; the window is indexed for deleteCountersBefore.
        const results = await this.client
          .multi()
          .hincrby(this.key(`counter:${windowStart}`), key, 1)
          .zadd(this.key('counter-windows'), windowStart, String(windowStart))
          .exec();
        return asInteger(execReplies(results, 'incrementCounter')[0], 'incrementCounter');
      });
    }

    getCounter(key: string, windowStart: number): Promise<number> {
      return this.use(async () => asCount(await this.client.hget(this.key(`counter:${windowStart}`), key), 'getCounter'));
    }

    deleteCountersBefore(windowStart: number): Promise<void> {
      return this.use(async () => {
        await this.client.chatLineDeleteCountersBefore(this.prefix, windowStart);
      });
    }

    /** The reports in one `reports:<nk>` hash: oldest first; filed at the same moment, in the order filed. */
    private async reportsAt(key: string): Promise<ReportRecord[]> {
      return (await this.client.hvals(key))
        .map((json) => JSON.parse(json) as [number, ReportRecord])
        .sort(([seqA, a], [seqB, b]) => a.at - b.at || seqA - seqB)
        .map(([, r]) => ({ target: r.target, reporter: r.reporter, at: r.at }));
    }
  };
}

/** `text` as a SCAN pattern that matches exactly it: a key prefix may hold glob characters. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
