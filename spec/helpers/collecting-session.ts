import type { HubSession } from '../../lib/chat/hub-session.js';

/** A hub session that only collects the lines it is sent, for hub tests without sockets. */
export class CollectingSession implements HubSession {
  readonly lines: string[] = [];
  readonly currentRoom = 'general';
  constructor(readonly id: number) {}
  send(line: string): void {
    this.lines.push(line);
  }
  sendEncoded(encoded: Buffer): void {
    this.lines.push(encoded.toString().trimEnd());
  }
  close(): void {}
}
