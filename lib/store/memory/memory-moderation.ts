import type { Constructor } from '../mixin.js';
import type { ModerationStore } from '../moderation-store.js';
import type { BanRecord, ReportRecord } from '../records.js';
import { compareStrings, nickKey } from '../collation.js';
import { entryOf, type MemoryTables } from './memory-tables.js';

/** MemoryStore's reports, bans and rate-limit counters. */
export function memoryModeration<Base extends Constructor<MemoryTables>>(base: Base) {
  return class MemoryModeration extends base implements ModerationStore {
    addReport(report: ReportRecord): Promise<boolean> {
      return this.use(() => {
        const byReporter = entryOf(this.reports, nickKey(report.target));
        const reporterKey = nickKey(report.reporter);
        if (byReporter.has(reporterKey)) return false;
        byReporter.set(reporterKey, { ...report });
        return true;
      });
    }

    listReports(target: string): Promise<ReportRecord[]> {
      // Oldest first; filed at the same moment, in the order filed (sort is stable), as SqliteStore.
      return this.use(() =>
        [...(this.reports.get(nickKey(target))?.values() ?? [])]
          .sort((a, b) => a.at - b.at)
          .map((report) => ({ ...report })),
      );
    }

    listAllReports(): Promise<ReportRecord[]> {
      return this.use(() =>
        [...this.reports.entries()]
          .sort(([a], [b]) => compareStrings(a, b))
          .flatMap(([, byReporter]) => [...byReporter.values()].sort((a, b) => a.at - b.at))
          .map((report) => ({ ...report })),
      );
    }

    clearReports(target: string): Promise<void> {
      return this.use(() => {
        this.reports.delete(nickKey(target));
      });
    }

    setBan(ban: BanRecord): Promise<void> {
      return this.use(() => {
        // A new ban replaces the old one whole, the nick's display form included.
        this.bans.set(nickKey(ban.nick), { ...ban });
      });
    }

    clearBan(nick: string): Promise<void> {
      return this.use(() => {
        this.bans.delete(nickKey(nick));
      });
    }

    listBans(): Promise<BanRecord[]> {
      // Same order as SqliteStore: by nick, case-insensitively.
      return this.use(() =>
        [...this.bans.entries()]
          .sort(([a], [b]) => compareStrings(a, b))
          .map(([, ban]) => ({ ...ban })),
      );
    }

    incrementCounter(key: string, windowStart: number): Promise<number> {
      return this.use(() => {
        const window = entryOf(this.counters, windowStart);
        const count = (window.get(key) ?? 0) + 1;
        window.set(key, count);
        return count;
      });
    }

    getCounter(key: string, windowStart: number): Promise<number> {
      return this.use(() => this.counters.get(windowStart)?.get(key) ?? 0);
    }

    deleteCountersBefore(windowStart: number): Promise<void> {
      return this.use(() => {
        for (const start of [...this.counters.keys()]) {
          if (start < windowStart) this.counters.delete(start);
        }
      });
    }
  };
}
