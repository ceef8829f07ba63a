import { generateKeyPairSync } from 'node:crypto';
import { Client, utils, type AnyAuthMethod, type ClientChannel, type ConnectConfig, type PseudoTtyOptions } from 'ssh2';
import type { TestServer } from './test-server.js';

// eslint-disable-next-line no-control-regex -- colour codes are what is taken out
const COLOUR = /\x1b\[[0-9;]*m/g;

/** Collects what a channel writes and lets a test wait for text; waits are bounded. */
export class ChannelReader {
  text = '';
  /** What came after the last match. */
  private rest = '';
  readonly stdout: Buffer[] = [];
  stderr = '';
  code: number | undefined;
  closed = false;
  private waiters: (() => void)[] = [];

  constructor(readonly channel: ClientChannel) {
    channel.on('data', (chunk: Buffer) => {
      this.stdout.push(chunk);
      this.text += chunk.toString('utf8');
      // Matched without colour: what a user reads.
      this.rest += chunk.toString('utf8').replace(COLOUR, '');
      this.wake();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      this.wake();
    });
    channel.on('exit', (code: number | null) => {
      this.code = code ?? undefined;
    });
    channel.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  write(text: string | Buffer): void {
    this.channel.write(text);
  }

  /** Waits for `pattern` in what came after the last match; returns the match. */
  async waitFor(pattern: RegExp, timeoutMs = 4000): Promise<string> {
    let found: RegExpExecArray | null = null;
    await this.until(() => (found = pattern.exec(this.rest)) !== null, `waiting for ${String(pattern)}`, timeoutMs);
    const match = found as RegExpExecArray | null;
    if (!match) return '';
    this.rest = this.rest.slice(match.index + match[0].length);
    return match[0];
  }

  async waitClosed(timeoutMs = 4000): Promise<void> {
    await this.until(() => this.closed, 'waiting for the channel to close', timeoutMs, false);
  }

  async until(condition: () => boolean, what: string, timeoutMs = 4000, failOnClose = true): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (condition()) return;
      if (failOnClose && this.closed) throw new Error(`channel closed while ${what}; got:\n${JSON.stringify(this.rest)}\nstderr: ${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out ${what}; got:\n${JSON.stringify(this.rest)}\nstderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}

/** What one exec request gave back. */
export interface ExecResult {
  stdout: Buffer;
  stderr: string;
  code: number | undefined;
}

/** Keyboard-interactive answers: given the instructions and prompts, what the user types. */
export type KeyboardAnswers = (instructions: string, prompts: readonly string[]) => string[];

export interface SshLogin {
  user: string;
  password?: string;
  /** Answer keyboard-interactive prompts (tried before password when both are given). */
  keyboard?: KeyboardAnswers;
  /** How many times keyboard-interactive is tried (1 by default). */
  keyboardTries?: number;
  privateKey?: string;
}

/** ssh2's client, as a test's user: logs in, opens shells and runs commands. */
export class SshTestClient {
  /** The keyboard-interactive instructions the server sent, in order. */
  readonly instructions: string[] = [];

  private constructor(readonly client: Client) {}

  /** Connects and authenticates; rejects with ssh2's error when the server refuses. */
  static connect(port: number, login: SshLogin, options: Partial<ConnectConfig> = {}): Promise<SshTestClient> {
    const client = new Client();
    const tester = new SshTestClient(client);
    const methods: AnyAuthMethod[] = [];
    if (login.privateKey !== undefined) methods.push({ type: 'publickey', username: login.user, key: login.privateKey });
    if (login.keyboard) {
      const answers = login.keyboard;
      for (let i = 0; i < (login.keyboardTries ?? 1); i++) methods.push({
        type: 'keyboard-interactive',
        username: login.user,
        prompt: (_name, instructions, _lang, prompts, finish) => {
          tester.instructions.push(instructions);
          finish(answers(instructions, prompts.map((p) => p.prompt)));
        },
      });
    }
    if (login.password !== undefined) methods.push({ type: 'password', username: login.user, password: login.password });
    return new Promise((resolve, reject) => {
      const closed = (): void => {
        reject(new Error('the server closed the connection'));
      };
      client.once('close', closed);
      // Errors after the first (a reset once refused) are the test's to see in what it checks, not crashes.
      client.on('error', () => undefined);
      client.once('ready', () => {
        client.removeListener('error', reject);
        client.removeListener('close', closed);
        resolve(tester);
      });
      client.once('error', reject);
      client.connect({ host: '127.0.0.1', port, username: login.user, authHandler: methods as ConnectConfig['authHandler'], hostVerifier: () => true, readyTimeout: 8000, ...options });
    });
  }

  /** A shell, with a terminal when `pty` is given (and these variables passed). */
  shell(pty?: PseudoTtyOptions, env?: Record<string, string>): Promise<ChannelReader> {
    return new Promise((resolve, reject) => {
      this.client.shell(pty ?? false, { env }, (error, channel) => {
        if (error) reject(error);
        else resolve(new ChannelReader(channel));
      });
    });
  }

  /** Runs a command and collects what it wrote, once it has ended; `stdin` is written, then ended. */
  async exec(command: string, stdin?: Buffer): Promise<ExecResult> {
    const reader = await this.start(command);
    if (stdin) reader.channel.end(stdin);
    await reader.waitClosed(8000);
    return { stdout: Buffer.concat(reader.stdout), stderr: reader.stderr, code: reader.code };
  }

  /** Starts a command and leaves its channel open. */
  start(command: string): Promise<ChannelReader> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (error, channel) => {
        if (error) reject(error);
        else resolve(new ChannelReader(channel));
      });
    });
  }

  end(): void {
    this.client.end();
  }
}

/** The port of a test server's SSH listener. */
export function sshPort(server: TestServer): number {
  const address = server.running.sshAddress;
  if (!address) throw new Error('no SSH listener');
  return address.port;
}

/** A throwaway key pair: the private key as ssh2 takes it, and the public key line for `/key add`. */
export function testKeyPair(comment = 'test@spec'): { privateKey: string; publicLine: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  const parsed = utils.parseKey(pem);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('cannot read the key just made');
  return { privateKey: pem, publicLine: `${parsed.type} ${parsed.getPublicSSH().toString('base64')} ${comment}` };
}
