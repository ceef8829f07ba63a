import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const SERVER_MAIN = path.resolve(import.meta.dirname, '../../lib/cli/server-main.ts');
/** The TypeScript loader, for the main thread and (worker-loader.mjs) for worker threads, as .mocharc.json has it. */
const LOADER_FLAGS = ['--import', 'tsx', '--import', path.resolve(import.meta.dirname, 'worker-loader.mjs')];
/** The log line that gives the port the server picked for --port 0. */
const LISTENING = /server\.listening .*port=(\d+)/;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The real server CLI in a child process, as an operator runs it: for what only a
 * process can show (signals, SIGKILL, start-up failures and exit codes). Every wait is
 * bounded; `stop()` kills it if a test left it running.
 */
export class ChildServer {
  stderr = '';
  private exit: Exit | undefined;
  private readonly exitWaiters: (() => void)[] = [];
  private readonly stderrWaiters: (() => void)[] = [];

  private constructor(readonly child: ChildProcess) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      this.stderr += text;
      for (const wake of this.stderrWaiters.splice(0)) wake();
    });
    child.stdout?.resume();
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      for (const wake of [...this.exitWaiters.splice(0), ...this.stderrWaiters.splice(0)]) wake();
    });
  }

  /**
   * `node --import tsx lib/cli/server-main.ts <args>`, its worker threads given the loader
   * too. Flags from the environment of the test run (REDIS_URL, CHAT_LINE_*) are not
   * passed on: only `args` decide.
   */
  static spawn(args: readonly string[]): ChildServer {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'REDIS_URL' && !name.startsWith('CHAT_LINE_')));
    const child = spawn(process.execPath, [...LOADER_FLAGS, SERVER_MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    return new ChildServer(child);
  }

  /** Resolves with the port once the server logs that it listens (needs --log-level info or lower). */
  async port(timeoutMs = 20_000): Promise<number> {
    await this.until(() => LISTENING.test(this.stderr), this.stderrWaiters, timeoutMs, 'the server to listen');
    return Number(LISTENING.exec(this.stderr)?.[1]);
  }

  /** Resolves once the server has logged a line matching `pattern` `count` times. */
  async logged(pattern: RegExp, count = 1, timeoutMs = 20_000): Promise<void> {
    const global = new RegExp(pattern.source, 'g');
    await this.until(() => (this.stderr.match(global) ?? []).length >= count, this.stderrWaiters, timeoutMs, `${count} × ${String(pattern)} in the log`);
  }

  async exited(timeoutMs = 20_000): Promise<Exit> {
    await this.until(() => this.exit !== undefined, this.exitWaiters, timeoutMs, 'the server to exit');
    return this.exit ?? { code: null, signal: null };
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGKILL');
    await this.exited();
  }

  private async until(done: () => boolean, waiters: (() => void)[], timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (this.exit && waiters !== this.exitWaiters) throw new Error(`server exited (${JSON.stringify(this.exit)}) before ${what}:\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
