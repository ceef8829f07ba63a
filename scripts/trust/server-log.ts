/** `2026-11-23 05:50:08.123 ERROR event key=value`, as lib/util/logger.ts writes it (no colour on a pipe). */
const LOG_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} (DEBUG|INFO|WARN|ERROR) +(\S+)/;
const KINDS_KEPT = 10;
const OTHER_KEPT = 5;
const SHOWN_CHARS = 300;

/** An internal error by where it comes from: the event, the error's first line and the first frames of its stack. */
function signature(event: string, line: string): string {
  const error = /error="((?:[^"\\]|\\.)*)"|error=(\S+)/.exec(line);
  const text = (error?.[1] ?? error?.[2] ?? '').replace(/\\n/g, '\n');
  const [message = '', ...frames] = text.split('\n').map((part) => part.trim());
  // Frames as `function (file)`: the same bug from the compiled or the TypeScript sources, any line.
  const where = frames.slice(0, 3).map((frame) => frame.replace(/^at (async )?/, '').replace(/\(?(?:file:\/\/)?\S*\/([^/]+?):\d+:\d+\)?/, '($1)'));
  // Counts in the message (bytes, ids) vary from one occurrence of the same bug to the next.
  return [event, message.replace(/\d+/g, 'N'), ...where].filter((part) => part !== '').join(' | ');
}

/**
 * Sorts what the server writes to stderr: ERROR lines (internal errors, which are bugs),
 * grouped by where they come from; warnings by event; and anything that is not a log
 * line at all (a stack trace, a Node warning), which should not happen either.
 */
export class ServerLog {
  errors = 0;
  readonly errorKinds = new Map<string, number>();
  readonly warnings = new Map<string, number>();
  other = 0;
  readonly firstOther: string[] = [];

  line(line: string): void {
    const match = LOG_LINE.exec(line);
    if (match?.[1] === 'ERROR' && match[2]) {
      this.errors++;
      const kind = signature(match[2], line);
      if (this.errorKinds.has(kind) || this.errorKinds.size < KINDS_KEPT) this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
    } else if (match?.[1] === 'WARN' && match[2]) {
      this.warnings.set(match[2], (this.warnings.get(match[2]) ?? 0) + 1);
    } else if (!match) {
      this.other++;
      if (this.firstOther.length < OTHER_KEPT) this.firstOther.push(line.slice(0, SHOWN_CHARS));
    }
  }

  /** `count× signature` for each kind of internal error, most frequent first. */
  describeErrors(): string[] {
    return [...this.errorKinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n.toLocaleString('en-US')}× ${kind.slice(0, SHOWN_CHARS)}`);
  }

  /** `event count` for the most frequent warnings. */
  topWarnings(count: number): string {
    const top = [...this.warnings].sort((a, b) => b[1] - a[1]).slice(0, count);
    return top.length === 0 ? 'none' : top.map(([event, n]) => `${event} ${n.toLocaleString('en-US')}`).join(', ');
  }
}
