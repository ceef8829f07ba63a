import net from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FuzzArgs } from './fuzz-args.js';
import { FuzzItems, type FuzzItem, type FuzzLimits } from './fuzz-items.js';
import type { FuzzStats, LifeState } from './fuzz-stats.js';
import type { KnownTargets } from './known-targets.js';
import { isLoginDone, withoutColour } from './line-socket.js';
import type { Rng } from './prng.js';
import type { RunBudget } from './run-budget.js';
import type { SecretWatch } from './secret-watch.js';
import { within } from './timing.js';
import { splitLines, WholeLines } from './whole-lines.js';

/** What all fuzz connections share. */
export interface FuzzRun {
  port: number;
  budget: RunBudget;
  /** Resolves when the script closes every connection (after the budget is spent and the server caught up). */
  closing: Promise<void>;
  known: KnownTargets;
  watch: SecretWatch;
  stats: FuzzStats;
  limits: FuzzLimits;
}

export interface FuzzAccount {
  nick: string;
  password: string;
}

/** Connection churn: now and then a connection is dropped in one of several rude ways and made again. */
const CHURN_PER_ITEM = 1 / 100_000;
const BATCH_BYTES = 16 * 1024;
const BATCH_ITEMS = 24;
/** Logins wait for scrypt on low-priority threads, which a server flooded at full speed starves. */
const LOGIN_WAIT_MS = 60_000;
const MAX_THROTTLE_WAIT_S = 60;
const WRITE_STALL_MS = 30_000;
const EXPECTED_CLOSE_MS = 5_000;
/**
 * After this many bytes a connection waits until the server has handled all it sent (a
 * probe is answered): without it the kernel's socket buffers would hold megabytes the
 * server never reads before the run ends, and "sent" would not mean "handled".
 */
const PROBE_EVERY_BYTES = 256 * 1024;
const PROBE_WAIT_MS = 30_000;
/** IAC SE twice (ends a subnegotiation from any telnet state), then a line end. */
const AFTER_GARBAGE = Buffer.from([255, 240, 255, 240, 13, 10]);
/** Every so many received runs of lines, ids and links are picked out for the others to try. */
const LEARN_EVERY = 16;

/**
 * One connection of a fuzz user, from connect to close: maybe garbage at the prompt, maybe
 * a wrong password first, the login, then items as fast as the server reads them, until the
 * budget is spent, the item or churn ends it, or the server closes it. Everything received
 * is searched for the secret markers.
 */
export class FuzzLife {
  /** Seconds the server last asked us to wait before logging in again. */
  throttledFor = 0;
  private loggedIn = false;
  private closedByUs = false;
  private expectingClose = false;
  private isClosed = false;
  private readonly closed: Promise<void>;
  private loginEvent: (() => void) | undefined;
  private readonly lines: WholeLines;
  private lastRun: Buffer | undefined;
  private runs = 0;
  private state: LifeState | undefined;
  /** The token of the probe waiting for its answer. */
  private probe: Buffer | undefined;
  private probeAnswered: (() => void) | undefined;
  private loginStartedAt = 0;

  private constructor(
    private readonly socket: net.Socket,
    private readonly run: FuzzRun,
    private readonly rng: Rng,
    private readonly account: FuzzAccount,
    private readonly label: string,
  ) {
    this.lines = new WholeLines(64 * 1024, run.watch.longest);
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.onClose();
        resolve();
      });
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      this.onData(chunk);
    });
  }

  /** Connects; undefined if the server did not accept within 10 s. */
  static async open(run: FuzzRun, rng: Rng, account: FuzzAccount, label: string): Promise<FuzzLife | undefined> {
    const socket = net.connect({ port: run.port, host: '127.0.0.1' });
    socket.on('error', () => undefined);
    const connected = new Promise<void>((resolve) => socket.once('connect', () => { resolve(); }));
    const failed = new Promise<void>((resolve) => socket.once('close', () => { resolve(); }));
    if (!(await within(10_000, connected, failed)) || socket.destroyed || !socket.remoteAddress) {
      socket.destroy();
      return undefined;
    }
    return new FuzzLife(socket, run, rng, account, label);
  }

  /** The whole life, of at most `maxItems` items after the login; resolves once the connection is closed. */
  async live(maxItems = Infinity): Promise<void> {
    const items = new FuzzItems(this.rng, new FuzzArgs(this.rng, this.run.known, this.run.limits.maxLine), this.run.limits);
    try {
      this.enter('login');
      if (await this.logIn(items)) {
        this.run.stats.loginsOk++;
        await this.fuzz(items, maxItems);
      } else if (!this.isClosed) {
        this.run.stats.loginsFailed++;
      }
    } finally {
      this.enter(undefined);
      this.hangUp(false);
      await this.closed;
    }
  }

  private enter(state: LifeState | undefined): void {
    this.run.stats.move(this.state, state);
    this.state = state;
  }

  private async logIn(items: FuzzItems): Promise<boolean> {
    const { rng, run, account } = this;
    if (rng.chance(0.3)) {
      for (let i = rng.range(1, 3); i > 0; i--) if (!this.send(items.atPrompt())) return false;
      // Garbage may have opened a telnet subnegotiation, which swallows everything up to IAC SE
      // (a login line included), or left a line unfinished: close both.
      this.write(AFTER_GARBAGE);
    }
    if (rng.chance(0.25)) {
      // Somebody else's account, the watched users' included, or our own, with a wrong password.
      const nick = rng.chance(0.3) ? rng.pick(run.known.watchedNicks) : rng.pick(run.known.fuzzNicks);
      this.write(this.loginText(nick, `wrong-${rng.word(8)}`, rng.chance(0.5)));
      run.stats.wrongPasswords++;
    }
    this.loginStartedAt = performance.now();
    for (let attempt = 0; attempt < 3 && !this.isClosed && !run.budget.over; attempt++) {
      this.write(this.loginText(account.nick, account.password, attempt === 0 && rng.chance(0.5)));
      const event = new Promise<void>((resolve) => {
        this.loginEvent = resolve;
      });
      await within(LOGIN_WAIT_MS, event, this.closed, run.budget.stopped);
      if (this.isLoggedIn()) return true;
      if (this.throttledFor === 0) return false;
      await within(Math.min(this.throttledFor, MAX_THROTTLE_WAIT_S) * 1000, this.closed, run.budget.stopped);
      if (this.isLoggedIn()) return true;
      this.throttledFor = 0;
    }
    return this.isLoggedIn();
  }

  /** A call, not a field read: the answer changes while the login waits, which narrowing cannot see. */
  private isLoggedIn(): boolean {
    return this.loggedIn;
  }

  /** `/login nick password`, or the nick and the password as two lines, as typed at the prompts. */
  private loginText(nick: string, password: string, typed: boolean): string {
    return typed ? `${nick}\r\n${password}\r\n` : `/login ${nick} ${password}\r\n`;
  }

  private async fuzz(items: FuzzItems, maxItems: number): Promise<void> {
    const { run, rng } = this;
    let sent = 0;
    let unprobed = 0;
    while (!this.isClosed) {
      this.enter('sending');
      const batch: Buffer[] = [];
      let bytes = 0;
      let last: FuzzItem | undefined;
      let churn = false;
      while (bytes < BATCH_BYTES && batch.length < BATCH_ITEMS) {
        if (rng.chance(CHURN_PER_ITEM) || sent++ >= maxItems) {
          churn = true;
          break;
        }
        if (run.budget.over) break;
        last = items.next();
        // The budget is of lines and byte sequences; uploads come on top.
        if (last.kind !== 'upload') run.budget.take();
        this.count(last);
        batch.push(last.data);
        bytes += last.data.length;
        if (last.ends) break;
      }
      if (batch.length === 0 && !churn) {
        // The budget is spent: once the server has handled all we sent, stay connected (answers
        // still come in) until the script closes.
        if (!(await this.handledSoFar())) return;
        this.enter('done sending');
        await within(120_000, this.closed, run.closing);
        return;
      }
      const drained = this.write(Buffer.concat(batch));
      unprobed += bytes;
      if (churn) {
        await this.churn(items);
        return;
      }
      if (last?.ends === 'hang-up') {
        this.hangUp(true);
        return;
      }
      if (last?.ends === 'server-closes') {
        await this.awaitClose();
        return;
      }
      if (!drained) this.enter('waiting for drain');
      if (!drained && !(await within(WRITE_STALL_MS, new Promise((resolve) => this.socket.once('drain', resolve)), this.closed, run.closing))) {
        run.stats.stalledWrites++;
        return;
      }
      if (unprobed >= PROBE_EVERY_BYTES) {
        if (!(await this.handledSoFar())) return;
        unprobed = 0;
      }
      // Let the answers in before the next batch: writes alone never give the event loop a turn.
      await nextTurn();
    }
  }

  /**
   * Sends an unknown command with a random name and waits for the error that names it: the
   * server has then handled everything sent before. False (and the connection dropped) if
   * the answer does not come: a session that stopped reading or answering, which is a
   * finding unless something we sent explains it (an upload's announced bytes, say).
   */
  private async handledSoFar(): Promise<boolean> {
    this.enter('waiting for an answer');
    const token = `zz${this.rng.word(12)}`;
    this.probe = Buffer.from(token);
    const answered = new Promise<void>((resolve) => {
      this.probeAnswered = resolve;
    });
    this.write(Buffer.concat([AFTER_GARBAGE, Buffer.from(`/${token}\r\n`)]));
    if (await within(PROBE_WAIT_MS, answered, this.closed)) {
      if (this.isClosed) return false;
      this.run.stats.probesAnswered++;
      return true;
    }
    this.run.stats.probesUnanswered++;
    this.hangUp(true);
    return false;
  }

  /** Drops the connection rudely: /quit, a clean close, a reset, or a reset in the middle of a line. */
  private async churn(items: FuzzItems): Promise<void> {
    const how = this.rng.int(4);
    if (how === 0) {
      this.write('\r\n/quit\r\n');
      return this.awaitClose();
    }
    if (how === 3) this.write(items.line().data.subarray(0, 5));
    this.hangUp(true, how === 1);
  }

  private async awaitClose(): Promise<void> {
    this.enter('waiting for close');
    this.expectingClose = true;
    if (!(await within(EXPECTED_CLOSE_MS, this.closed))) this.hangUp(true);
  }

  private count(item: FuzzItem): void {
    const stats = this.run.stats;
    stats.items[item.kind]++;
    if (item.upload) stats.uploads[item.upload]++;
  }

  /** Writes an item before the login; false once the budget is spent. */
  private send(item: FuzzItem): boolean {
    if (!this.run.budget.take()) return false;
    this.count(item);
    this.write(item.data);
    return true;
  }

  private write(data: string | Buffer): boolean {
    if (this.isClosed) return true;
    this.run.stats.bytesSent += data.length;
    return this.socket.write(data);
  }

  /** Closes from our side: gently (FIN after the writes) or with a reset. */
  private hangUp(onPurpose: boolean, gently = false): void {
    if (this.isClosed || this.socket.destroyed) return;
    if (onPurpose && !this.closedByUs) this.run.stats.closedByUs++;
    this.closedByUs = true;
    if (gently) this.socket.end();
    else this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.run.stats.bytesReceived += chunk.length;
    const run = this.lines.feed(chunk);
    if (run) this.onLines(run);
  }

  private onLines(received: Buffer): void {
    this.run.watch.scan(received, this.label);
    this.lastRun = received;
    if (this.probe && received.includes(this.probe)) {
      this.probe = undefined;
      this.probeAnswered?.();
    }
    if (!this.loggedIn) {
      for (const line of splitLines(received)) this.onLoginLine(line);
    } else if (++this.runs % LEARN_EVERY === 0) {
      this.run.known.learnFrom(received.toString('latin1'));
    }
  }

  private onLoginLine(coloured: string): void {
    // Fuzz users turn /color on now and then, and it lasts across logins.
    const line = withoutColour(coloured);
    if (isLoginDone(line)) {
      this.loggedIn = true;
      this.run.stats.loginTime.record(performance.now() - this.loginStartedAt);
      this.loginEvent?.();
      return;
    }
    const throttled = /^ERROR LOGIN_THROTTLED: .* (\d+) s\.$/.exec(line);
    if (throttled) {
      this.run.stats.loginThrottled++;
      this.throttledFor = Number(throttled[1]);
      this.loginEvent?.();
    }
  }

  private onClose(): void {
    this.isClosed = true;
    const rest = this.lines.rest();
    if (rest) this.onLines(rest);
    if (this.closedByUs) return;
    if (this.expectingClose) {
      this.run.stats.closedAsExpected++;
      return;
    }
    const text = this.lastRun?.toString('utf8') ?? '';
    const lines = text.split(/\r?\n/).filter((line) => line !== '');
    this.run.stats.otherClose(lines[lines.length - 1] ?? '');
  }
}
