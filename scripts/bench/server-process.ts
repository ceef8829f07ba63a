import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './build.js';
import { onEmergencyStop } from './cleanup.js';
import type { ServerKind } from './protocol.js';
import { serverArgs } from './server-args.js';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** Linux reports process times in these ticks (USER_HZ), whatever the kernel's HZ. */
const CLOCK_TICKS_PER_SECOND = 100;
const STDERR_LINES_KEPT = 20;
/**
 * Preloaded into a server for W3 (`--expose-gc --import`): on SIGUSR2 it runs full
 * garbage collections, so the memory the bench reads next is what the connections hold,
 * not garbage an idle process had no reason to collect yet. Several, because V8 drops the
 * bytecode of functions that stopped running (start-up code) only once it has aged over
 * a few collections. Nothing in the server knows of it.
 */
const GC_ON_SIGNAL = `data:text/javascript,${encodeURIComponent("process.on('SIGUSR2', () => { for (let i = 0; i < 8; i++) globalThis.gc?.(); });")}`;
/** How long after asking for a GC the memory is read. */
const GC_SETTLE_MS = 300;

export interface ServerOptions {
  kind: ServerKind;
  /** Connections the server will hold; its open-files limit is raised if that would not fit. */
  connections: number;
  /** Write a V8 CPU profile of the server here when it exits. */
  cpuProfileDir?: string;
  /** Run this chat-line server script instead of this tree's build: another build, the bench's --against. */
  otherBuild?: string;
  /** Extra environment variables for the server. */
  env?: Record<string, string>;
  /** Let `collectGarbage()` run a full GC in the server (W3), through GC_ON_SIGNAL. */
  gcOnSignal?: boolean;
  /** More flags for node itself (V8's), before the script. */
  nodeFlags?: readonly string[];
  /** More chat-line flags, after the bench's own (e.g. --redis for a cluster). */
  extraArgs?: readonly string[];
  /**
   * Run on this data directory and leave it in place (a restart on the same data, a check
   * of the database afterwards): the caller owns it. Without it, a new temporary one.
   */
  dataDir?: string;
  /** Every line the server writes to stderr, as it comes (at --log-level warn: its warnings and errors). */
  onStderrLine?: (line: string) => void;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A fresh server in a child process: a free port, a new temporary data directory (chat-line),
 * and a way to read its memory and CPU time from /proc. Always `stop()` it (in `finally`);
 * Ctrl-C kills it through cleanup.ts.
 */
export class ServerProcess {
  private readonly stderr: string[] = [];
  /** The start of a line whose end has not come yet: a line may be split across reads. */
  private stderrPartial = '';
  private warningCount = 0;
  private exit: ServerExit | undefined;
  private exited: Promise<void>;
  private unregister: () => void;

  private constructor(
    readonly kind: ServerKind,
    private readonly child: ChildProcess,
    readonly pid: number,
    readonly port: number,
    readonly dataDir: string | undefined,
    private readonly ownsDataDir: boolean,
    private readonly gcOnSignal: boolean,
    private readonly onStderrLine: ((line: string) => void) | undefined,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
    });
    this.unregister = onEmergencyStop(() => {
      killQuietly(pid);
      this.removeData();
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      this.onStderr(text);
    });
    child.stderr?.on('end', () => {
      // A last line without its line end (a crash's last words).
      this.onStderr('\n');
    });
  }

  static async start(options: ServerOptions): Promise<ServerProcess> {
    const port = await freePort();
    const ownsDataDir = options.kind !== 'baseline' && options.dataDir === undefined;
    const dataDir = ownsDataDir ? fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-bench-')) : options.dataDir;
    const nodeArgs: string[] = [];
    if (options.cpuProfileDir !== undefined) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir);
    if (options.gcOnSignal === true) nodeArgs.push('--expose-gc', '--import', GC_ON_SIGNAL);
    nodeArgs.push(...(options.nodeFlags ?? []));
    const flags = [...(await serverArgs(options.kind, ROOT, port, dataDir, options.cpuProfileDir !== undefined, options.otherBuild)), ...(options.extraArgs ?? [])];
    const [command, args] = withFileLimit(options.connections, process.execPath, [...nodeArgs, ...flags]);
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...options.env } });
    if (child.pid === undefined) {
      if (dataDir && ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`could not start the ${options.kind} server`);
    }
    const server = new ServerProcess(options.kind, child, child.pid, port, dataDir, ownsDataDir, options.gcOnSignal === true, options.onStderrLine);
    try {
      await server.waitUntilListening();
    } catch (error) {
      await server.stop();
      server.removeData();
      throw error;
    }
    return server;
  }

  /** Resident memory of the server process, in KiB. */
  rssKb(): number {
    return this.statusKb('VmRSS');
  }

  /** The most resident memory the server process has had so far, in KiB. */
  peakRssKb(): number {
    return this.statusKb('VmHWM');
  }

  private statusKb(field: string): number {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`no ${field} in /proc/${this.pid}/status`);
    return Number(match[1]);
  }

  /** A full garbage collection in the (idle) server, for a memory reading that GC timing does not sway. */
  async collectGarbage(): Promise<void> {
    if (!this.gcOnSignal) throw new Error('collectGarbage() needs a server started with gcOnSignal');
    killQuietly(this.pid, 'SIGUSR2');
    // The signal is handled on the server's next event-loop turn; an idle server gets there at once.
    await new Promise((resolve) => setTimeout(resolve, GC_SETTLE_MS));
  }

  /** User + system CPU seconds the server has used so far (all its threads). */
  cpuSeconds(): number {
    return cpuSecondsOf(this.pid);
  }

  /** Lines the server wrote to stderr (at --log-level warn: its warnings and errors). */
  get warnings(): number {
    return this.warningCount;
  }

  get lastStderr(): string {
    return this.stderr.join('\n');
  }

  /** How the process ended; undefined while it runs. */
  get exitStatus(): ServerExit | undefined {
    return this.exit;
  }

  /** Sends `signal` to the server process (by its PID); nothing if it is gone. */
  signal(signal: NodeJS.Signals): void {
    killQuietly(this.pid, signal);
  }

  /** SIGKILL, as a crash would end it; resolves once the process is gone. */
  async kill(): Promise<void> {
    killQuietly(this.pid);
    await this.exited;
  }

  /** SIGTERM (a clean shutdown, which also writes a CPU profile), then SIGKILL if it hangs. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      killQuietly(this.pid, 'SIGTERM');
      const timedOut = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => { resolve(true); }, STOP_TIMEOUT_MS).unref()),
      ]);
      if (timedOut) {
        killQuietly(this.pid);
        await this.exited;
      }
    }
    this.unregister();
    this.unregister = () => undefined;
  }

  /** Deletes the temporary data directory (not one the caller gave); call after `stop()` and after reading it. */
  removeData(): void {
    if (this.dataDir && this.ownsDataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  private onStderr(text: string): void {
    const lines = (this.stderrPartial + text).split('\n');
    this.stderrPartial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      this.onStderrLine?.(line);
      this.warningCount++;
      this.stderr.push(line);
      if (this.stderr.length > STDERR_LINES_KEPT) this.stderr.shift();
      // A few are worth seeing as they happen (e.g. a slow consumer dropped); more is noise.
      if (this.warningCount <= 3) console.error(`  [${this.kind} server] ${line.slice(0, 300)}`);
    }
  }

  private async waitUntilListening(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`the ${this.kind} server exited at startup:\n${this.lastStderr}`);
      }
      if (await canConnect(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the ${this.kind} server did not accept connections within ${READY_TIMEOUT_MS} ms:\n${this.lastStderr}`);
  }
}

/** User + system CPU seconds process `pid` has used so far (all its threads), from /proc. */
export function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** A port that was free a moment ago (the OS picks it; we close and hand it to the child). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Soft and hard limits on open files, from /proc (Node has no getrlimit). */
export function fileLimits(): { soft: number; hard: number } {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  const parse = (value: string | undefined): number => (value === undefined || value === 'unlimited' ? Infinity : Number(value));
  return { soft: parse(match?.[1]), hard: parse(match?.[2]) };
}

/** Room for the listening socket, the database, stdio and the like beyond the connections. */
const SPARE_FILES = 256;

/**
 * The child inherits our open-files limit. If `connections` would not fit, start it through
 * `sh -c 'ulimit -n N && exec node ...'` (exec, so the PID is still node's).
 */
function withFileLimit(connections: number, command: string, args: string[]): [string, string[]] {
  const needed = connections + SPARE_FILES;
  const { soft, hard } = fileLimits();
  if (needed <= soft) return [command, args];
  if (needed > hard) console.warn(`  open-files hard limit ${hard} is below the ${needed} needed; the server may refuse connections`);
  const limit = Math.min(Math.max(needed, 65_536), hard);
  return ['sh', ['-c', 'ulimit -n "$1" && shift && exec "$@"', 'sh', String(limit), command, ...args]];
}

function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
