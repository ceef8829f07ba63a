import type { ServerProcess } from '../bench/server-process.js';
import { within } from './timing.js';

const TAG = 'memory-after-gc';

/**
 * Preloaded into the fuzzed server (with --expose-gc): on SIGUSR2 it runs full garbage
 * collections and writes one line of its memory to stderr. RSS alone cannot tell memory
 * the server holds from memory the allocator has not handed back; the JavaScript heap in
 * use after a GC can. Nothing in the server knows of it.
 */
export const MEMORY_PRELOAD = `data:text/javascript,${encodeURIComponent(
  `process.on('SIGUSR2', () => { for (let i = 0; i < 8; i++) globalThis.gc?.(); const m = process.memoryUsage(); ` +
    `process.stderr.write('${TAG} rss=' + m.rss + ' heapUsed=' + m.heapUsed + ' external=' + m.external + '\\n'); });`,
)}`;

export const MEMORY_NODE_FLAGS = ['--expose-gc', '--import', MEMORY_PRELOAD] as const;

export interface MemoryReading {
  rssKb: number;
  heapUsedKb: number;
  externalKb: number;
}

/** Asks the server for a reading and waits for it (undefined if none comes within 5 s). */
export class MemoryProbe {
  private waiter: ((reading: MemoryReading) => void) | undefined;

  /** Takes the probe's line out of the server's stderr; true if it was one. */
  take(line: string): boolean {
    if (!line.startsWith(TAG)) return false;
    const value = (name: string): number => Math.round(Number(new RegExp(`${name}=(\\d+)`).exec(line)?.[1] ?? NaN) / 1024);
    this.waiter?.({ rssKb: value('rss'), heapUsedKb: value('heapUsed'), externalKb: value('external') });
    this.waiter = undefined;
    return true;
  }

  async read(server: ServerProcess): Promise<MemoryReading | undefined> {
    let reading: MemoryReading | undefined;
    const came = new Promise<void>((resolve) => {
      this.waiter = (value) => {
        reading = value;
        resolve();
      };
    });
    server.signal('SIGUSR2');
    await within(5000, came);
    return reading;
  }
}
