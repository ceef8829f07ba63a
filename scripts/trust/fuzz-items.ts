import { garbageBytes } from './fuzz-bytes.js';
import type { FuzzArgs } from './fuzz-args.js';
import { commandLine } from './fuzz-grammar.js';
import { uploadItem, type UploadKind } from './fuzz-uploads.js';
import type { Rng } from './prng.js';

export type ItemKind = 'line' | 'bytes' | 'upload';

/** How an item ends the connection: we drop it, or the server is expected to close it. */
export type LifeEnd = 'hang-up' | 'server-closes';

export interface FuzzItem {
  kind: ItemKind;
  data: Buffer;
  upload?: UploadKind;
  ends?: LifeEnd;
}

export interface FuzzLimits {
  maxLine: number;
  maxFileSize: number;
}

const LINE_ENDS = [
  [60, '\r\n'],
  [30, '\n'],
  [4, '\r'],
  [3, '\r\0'],
  // None: the line runs into whatever comes next.
  [3, ''],
] as const;

/**
 * How likely each kind of item is. Items that end the connection are much rarer than the
 * rest: each costs a new login (a real scrypt hash), and with more of them the connections
 * would spend their time logging in rather than fuzzing.
 */
const CHANCE = {
  upload: 0.004,
  zeroUpload: 0.0004,
  uploadThenHangUp: 1 / 100_000,
  uploadOverLimit: 1 / 100_000,
  quit: 1 / 100_000,
  bytes: 0.25,
};

/** The stream of one fuzz connection: command lines, garbage bytes and uploads, in the proportions above. */
export class FuzzItems {
  /** The last item left a line unfinished: an upload must start on a line of its own. */
  private lineOpen = false;

  constructor(
    private readonly rng: Rng,
    private readonly args: FuzzArgs,
    private readonly limits: FuzzLimits,
  ) {}

  next(): FuzzItem {
    let roll = this.rng.next();
    if ((roll -= CHANCE.upload) < 0) return this.upload('complete');
    if ((roll -= CHANCE.zeroUpload) < 0) return this.upload('zero');
    if ((roll -= CHANCE.uploadThenHangUp) < 0) return this.upload('short-then-hang-up');
    if ((roll -= CHANCE.uploadOverLimit) < 0) return this.upload('over-limit');
    if ((roll -= CHANCE.quit) < 0) return this.quit();
    if ((roll -= CHANCE.bytes) < 0) return this.bytes();
    return this.line();
  }

  /** What is typed at the nickname prompt before logging in: lines or garbage. */
  atPrompt(): FuzzItem {
    return this.rng.chance(0.5) ? this.bytes() : this.line();
  }

  line(): FuzzItem {
    const end = this.rng.weighted(LINE_ENDS);
    this.lineOpen = end === '';
    return { kind: 'line', data: Buffer.from(commandLine(this.args, this.rng) + end) };
  }

  private bytes(): FuzzItem {
    const data = garbageBytes(this.rng, this.limits.maxLine);
    const last = data[data.length - 1];
    this.lineOpen = last !== 0x0a && last !== 0x0d && last !== 0x00;
    return { kind: 'bytes', data };
  }

  private upload(kind: UploadKind): FuzzItem {
    const item = uploadItem(this.rng, this.args, this.limits.maxFileSize, kind);
    const data = this.lineOpen ? Buffer.concat([Buffer.from('\r\n'), item.data]) : item.data;
    this.lineOpen = false;
    const ends: LifeEnd | undefined = item.kind === 'short-then-hang-up' ? 'hang-up' : item.kind === 'over-limit' ? 'server-closes' : undefined;
    return { kind: 'upload', data, upload: item.kind, ...(ends ? { ends } : {}) };
  }

  private quit(): FuzzItem {
    const data = Buffer.from(`${this.lineOpen ? '\r\n' : ''}/${this.rng.pick(['quit', 'exit', 'bye', 'QUIT'])}\r\n`);
    this.lineOpen = false;
    return { kind: 'line', data, ends: 'server-closes' };
  }
}
