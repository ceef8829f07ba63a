const LF = 0x0a;

/**
 * Turns the chunks a socket delivers into runs of whole lines, so a search never misses
 * a text that a read happened to split. The unfinished last line is kept for the next
 * chunk, up to `maxPartial` bytes; beyond that (a download's raw bytes, garbage without a
 * line end) only its last `keepTail` bytes are kept, enough for a search to still find a
 * needle of up to that length across the cut.
 */
export class WholeLines {
  private partial: Buffer | undefined;

  constructor(
    private readonly maxPartial = 64 * 1024,
    private readonly keepTail = 256,
  ) {}

  /** The whole lines that `chunk` completes (with what was kept before them), or undefined. */
  feed(chunk: Buffer): Buffer | undefined {
    const lastLf = chunk.lastIndexOf(LF);
    if (lastLf === -1) {
      this.keep(this.partial ? Buffer.concat([this.partial, chunk]) : Buffer.from(chunk));
      return undefined;
    }
    const head = chunk.subarray(0, lastLf + 1);
    const whole = this.partial ? Buffer.concat([this.partial, head]) : head;
    this.partial = undefined;
    if (lastLf + 1 < chunk.length) this.keep(Buffer.from(chunk.subarray(lastLf + 1)));
    return whole;
  }

  /** What is left when the stream ends: a last line without its line end. */
  rest(): Buffer | undefined {
    const rest = this.partial;
    this.partial = undefined;
    return rest;
  }

  private keep(bytes: Buffer): void {
    this.partial = bytes.length > this.maxPartial ? Buffer.from(bytes.subarray(bytes.length - this.keepTail)) : bytes;
  }
}

/** The lines of a run of whole lines, without their line ends (CRLF or LF), as text. */
export function splitLines(run: Buffer): string[] {
  const lines = run.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}
