import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScryptPool } from '../../lib/auth/scrypt-pool.js';
import { DEFAULT_CONFIG, type ServerConfig } from '../../lib/config.js';
import { startServer, type ChatService, type StartOptions } from '../../lib/server/chat-service.js';
import { LineClient } from './line-client.js';
import { ircConnect, ircLogin, type IrcRegistration } from './irc-client.js';

/** Cheap scrypt for tests: the real parameters are exercised in the password spec. */
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

/**
 * For tests of what reports do rather than of who may file them: any account may report,
 * however new and quiet. The standing rule itself is tested on the defaults in bans.spec.ts.
 */
export const ANYONE_MAY_REPORT: Partial<ServerConfig> = { reportMinAgeMs: 0, reportMinMessages: 0 };

let hashing: ScryptPool | undefined;

/**
 * The password hashing pool every TestServer hashes on: a thread started from the
 * TypeScript sources spends ~0.1 s loading the loader, so once a run rather than once a
 * test. Ended after the last test (root-hooks.ts); spec/auth/hashing-threads.spec.ts
 * and spec/auth/busy-hashing.spec.ts start servers with pools of their own.
 */
export function testHashing(): ScryptPool {
  // Never busy: specs log dozens in at once, and the limit (--max-login-wait) is tested on a pool of its own.
  return (hashing ??= new ScryptPool({ maxWaitMs: 0 }));
}

export async function endTestHashing(): Promise<void> {
  await hashing?.close();
  hashing = undefined;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-test-'));
}

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  // The #general rate limit is off unless a test is about it: many specs send more than 20 lines.
  // So is the limit on registrations per address: many specs register dozens of users from
  // 127.0.0.1 (spec/hardening/login-throttle.spec.ts tests it on the defaults).
  return {
    ...DEFAULT_CONFIG,
    port: 0,
    logLevel: 'silent',
    scrypt: FAST_SCRYPT,
    rateLimit: 0,
    registerLimit: 0,
    // Specs register users with passwords such as "pw"; the minimum is tested on its own.
    minPasswordLength: 1,
    ...overrides,
    dataDir: overrides.dataDir ?? tempDir(),
  };
}

/** A real server on a free port with its own data directory, and the clients of a test. */
export class TestServer {
  private clients: LineClient[] = [];

  private constructor(
    readonly config: ServerConfig,
    public running: ChatService,
    private readonly options: StartOptions,
  ) {}

  static async start(overrides: Partial<ServerConfig> = {}, options: StartOptions = {}): Promise<TestServer> {
    const config = testConfig(overrides);
    const lent = { hashing: testHashing(), ...options };
    return new TestServer(config, await startServer(config, lent), lent);
  }

  get port(): number {
    if (!this.running.address) throw new Error('server is not listening');
    return this.running.address.port;
  }

  /** The IRC port (started with `ircPort: 0`). */
  get ircPort(): number {
    if (!this.running.ircAddress) throw new Error('server is not listening for IRC: start it with { ircPort: 0 }');
    return this.running.ircAddress.port;
  }

  /** An IRC client registered as `nick` (a guest unless `options.pass` is given), closed with the server. */
  async irc(nick: string, options: IrcRegistration = {}): Promise<LineClient> {
    const client = await ircLogin(this.ircPort, nick, options);
    this.clients.push(client);
    return client;
  }

  /** An IRC connection not registered yet. */
  async ircConnection(): Promise<LineClient> {
    const client = await ircConnect(this.ircPort);
    this.clients.push(client);
    return client;
  }

  async login(nick: string, password = 'pw'): Promise<LineClient> {
    const client = await LineClient.login(this.port, nick, password);
    this.clients.push(client);
    return client;
  }

  /** A connection from 127.0.0.1, or from another loopback address (`from`), as from another machine. */
  async connect(from?: string): Promise<LineClient> {
    const client = await LineClient.connect(this.port, '127.0.0.1', { localAddress: from });
    this.clients.push(client);
    return client;
  }

  /** Stops the server and starts a new one on the same data directory (and port). */
  async restart(): Promise<void> {
    const port = this.port;
    await this.running.close();
    this.running = await startServer({ ...this.config, port }, this.options);
  }

  async stop(removeData = true): Promise<void> {
    for (const client of this.clients) client.close();
    await this.running.close();
    if (removeData) fs.rmSync(this.config.dataDir, { recursive: true, force: true });
  }
}

/**
 * Gives each test of the enclosing `describe` a fresh server, stopped afterwards.
 * Use as `const ctx = useTestServer();` and then `ctx.server` inside tests.
 */
export function useTestServer(overrides: Partial<ServerConfig> = {}, options: StartOptions = {}): { server: TestServer } {
  const holder = {} as { server: TestServer };
  beforeEach(async function () {
    holder.server = await TestServer.start(overrides, options);
  });
  afterEach(async function () {
    await holder.server.stop();
  });
  return holder;
}
