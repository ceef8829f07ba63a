import { Histogram } from '../bench/stats.js';
import type { ItemKind } from './fuzz-items.js';
import type { UploadKind } from './fuzz-uploads.js';
import { withoutColour } from './line-socket.js';

/** Where a fuzz connection is: shown in the progress lines, so a run that stalls says where. */
export type LifeState = 'login' | 'sending' | 'waiting for drain' | 'waiting for an answer' | 'waiting for close' | 'done sending';

/** What the fuzz connections did, summed over all of them. */
export class FuzzStats {
  readonly states = new Map<LifeState, number>();
  readonly items: Record<ItemKind, number> = { line: 0, bytes: 0, upload: 0 };
  readonly uploads: Record<UploadKind, number> = { complete: 0, zero: 0, 'short-then-hang-up': 0, 'over-limit': 0 };
  bytesSent = 0;
  bytesReceived = 0;
  connectionsOpened = 0;
  connectFailures = 0;
  loginsOk = 0;
  /** How long each successful login took, from the login line to the end of the catch-up. */
  readonly loginTime = new Histogram();
  loginsFailed = 0;
  wrongPasswords = 0;
  loginThrottled = 0;
  /** Connections we dropped on purpose (churn, an upload cut short). */
  closedByUs = 0;
  /** Closed by the server after an item meant to make it close (over-limit upload, /quit). */
  closedAsExpected = 0;
  /** Closed by the server otherwise, by the last line it sent first. */
  readonly otherCloses = new Map<string, number>();
  /** Writes that waited over the limit for the server to read on. */
  stalledWrites = 0;
  /** Probes (an unknown command after everything sent so far) answered: the server had handled all before it. */
  probesAnswered = 0;
  /** Probes not answered in time on a connection that stayed open: a session that stopped handling input. */
  probesUnanswered = 0;

  /** Lines and byte sequences: what --lines counts (uploads come on top). */
  get linesAndBytes(): number {
    return this.items.line + this.items.bytes;
  }

  otherClose(coloured: string): void {
    // ERROR lines by their code, other lines by their first words: a short, countable reason.
    const lastLine = withoutColour(coloured);
    const reason = /^ERROR [A-Z_]+/.exec(lastLine)?.[0] ?? (lastLine.split(' ').slice(0, 4).join(' ').slice(0, 40) || '(nothing)');
    this.otherCloses.set(reason, (this.otherCloses.get(reason) ?? 0) + 1);
  }

  /** Moves a connection from one state to another (undefined: none, before it starts or after it ends). */
  move(from: LifeState | undefined, to: LifeState | undefined): void {
    if (from) this.states.set(from, (this.states.get(from) ?? 0) - 1);
    if (to) this.states.set(to, (this.states.get(to) ?? 0) + 1);
  }

  /** `sending 40, login 3` */
  describeStates(): string {
    return [...this.states].filter(([, n]) => n !== 0).map(([state, n]) => `${state} ${n}`).join(', ') || 'none';
  }

  get otherClosed(): number {
    let total = 0;
    for (const count of this.otherCloses.values()) total += count;
    return total;
  }
}
