import { Writable } from 'node:stream';

/** Where the client writes: stdout or a test's stream. */
export type ClientOutput = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** readline echoes what is typed to its output; muting that output is how the password stays hidden. */
export class MutableOutput extends Writable {
  muted = false;
  constructor(private readonly target: ClientOutput) {
    super();
  }
  // readline reads this to know where lines wrap.
  get columns(): number | undefined {
    return this.target.columns;
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.muted) this.target.write(chunk);
    callback();
  }
}
