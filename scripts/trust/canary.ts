import { Histogram, type LatencySummary } from '../bench/stats.js';
import { LineSocket } from './line-socket.js';
import { waitUntil } from './timing.js';

const INTERVAL_MS = 1000;
const DEADLINE_MS = 5000;

/**
 * A session that says something every second and expects its own line back within 5 s:
 * the server is still answering people while it is being fuzzed. A ping whose echo is
 * late counts as a miss (once), and the latency of every echo, late or not, is kept.
 */
export class Canary {
  pings = 0;
  misses = 0;
  echoes = 0;
  private readonly latencies = new Histogram();
  private readonly pending = new Map<number, number>();
  private readonly missed = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private socket: LineSocket | undefined;
  private readonly echo: RegExp;

  constructor(
    private readonly nick: string,
    private readonly password: string,
    private readonly token: string,
  ) {
    this.echo = new RegExp(`<${nick}> ping ${token} (\\d+)$`);
  }

  async start(port: number): Promise<void> {
    this.socket = await LineSocket.connect(port, (line) => {
      this.onLine(line);
    });
    await this.socket.login(this.nick, this.password);
    this.timer = setInterval(() => {
      this.tick();
    }, INTERVAL_MS);
  }

  /** Whether the canary's connection is still open (the server never closes it on its own). */
  get connected(): boolean {
    return this.socket?.open ?? false;
  }

  /** Echo latencies: p50, p99, max. */
  get latency(): LatencySummary {
    return this.latencies.summary();
  }

  /** Stops pinging, gives the last pings their 5 s, and closes. */
  async finish(): Promise<void> {
    clearInterval(this.timer);
    await waitUntil(() => this.pending.size === 0 || !this.connected, DEADLINE_MS);
    for (const n of this.pending.keys()) this.miss(n);
    this.socket?.close();
  }

  private tick(): void {
    const now = performance.now();
    for (const [n, sentAt] of this.pending) if (now - sentAt > DEADLINE_MS) this.miss(n);
    if (!this.connected) return;
    this.pings++;
    this.pending.set(this.pings, now);
    this.socket?.write(`ping ${this.token} ${this.pings}\r\n`);
  }

  private miss(n: number): void {
    if (this.missed.has(n)) return;
    this.missed.add(n);
    this.misses++;
  }

  private onLine(line: string): void {
    const match = this.echo.exec(line);
    if (!match) return;
    const n = Number(match[1]);
    const sentAt = this.pending.get(n);
    if (sentAt === undefined) return;
    const latency = performance.now() - sentAt;
    this.pending.delete(n);
    if (latency > DEADLINE_MS) this.miss(n);
    this.echoes++;
    this.latencies.record(latency);
  }
}
