import type { LogFields, Logger } from '../../lib/util/logger.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  event: string;
  fields: LogFields;
}

/** A Logger that keeps every entry, for tests that check what the server reported. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(event: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'debug', event, fields });
  }

  info(event: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'info', event, fields });
  }

  warn(event: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'warn', event, fields });
  }

  error(event: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'error', event, fields });
  }

  events(event: string): LogEntry[] {
    return this.entries.filter((entry) => entry.event === event);
  }
}
