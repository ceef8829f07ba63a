import type { ServerConfig } from '../config.js';

/**
 * Admission of new connections: at most `maxConnections` open at once in all, and
 * `maxPerAddress` from one IP address, so that one host cannot take every socket the
 * process may open. A slot is taken on admission and given back when the session ends.
 */
export class ConnectionLimits {
  private total = 0;
  private readonly perHost = new Map<string, number>();

  constructor(private readonly limits: Pick<ServerConfig, 'maxConnections' | 'maxPerAddress'>) {}

  /** Takes a slot for a connection from `host`; if there is none, returns why, for the client. */
  admit(host: string): string | undefined {
    const fromHost = this.perHost.get(host) ?? 0;
    if (this.total >= this.limits.maxConnections) {
      return `The server is full (${this.limits.maxConnections} connections). Try again later.`;
    }
    if (fromHost >= this.limits.maxPerAddress) {
      return `Too many connections from ${host} (the limit is ${this.limits.maxPerAddress}). Close one and try again.`;
    }
    this.total++;
    this.perHost.set(host, fromHost + 1);
    return undefined;
  }

  release(host: string): void {
    const fromHost = this.perHost.get(host) ?? 0;
    if (fromHost === 0) return;
    this.total--;
    // Drop the entry at zero so a spray of addresses leaves nothing behind.
    if (fromHost === 1) this.perHost.delete(host);
    else this.perHost.set(host, fromHost - 1);
  }

  get open(): number {
    return this.total;
  }
}
