import fs from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { ServerConfig } from '../../lib/config.js';
import type { StartOptions } from '../../lib/server/chat-service.js';
import type { LineClient } from './line-client.js';
import { startRedisOrSkip, type RedisServer } from './redis-server.js';
import { TestServer, tempDir } from './test-server.js';

let chats = 0;

/**
 * Several real servers of one chat over a shared Redis, as an operator runs them on one
 * machine: each its own port, all one key prefix (new for every cluster, so tests do not
 * see each other's data) and one data directory (for files).
 */
export class TestCluster {
  /** Data directories of servers added with their own, removed with the cluster. */
  private readonly ownDirs: string[] = [];

  private constructor(
    readonly servers: TestServer[],
    readonly config: Partial<ServerConfig>,
    private readonly options: StartOptions,
  ) {}

  static async start(redis: RedisServer, count: number, overrides: Partial<ServerConfig> = {}, options: StartOptions = {}): Promise<TestCluster> {
    const config: Partial<ServerConfig> = { store: 'redis', redisUrl: redis.url, redisKeyPrefix: `cluster-${++chats}:`, dataDir: tempDir(), ...overrides };
    const servers: TestServer[] = [];
    for (let i = 0; i < count; i++) servers.push(await TestServer.start(config, options));
    return new TestCluster(servers, config, options);
  }

  server(index: number): TestServer {
    const server = this.servers[index];
    if (!server) throw new Error(`no server ${index} in a cluster of ${this.servers.length}`);
    return server;
  }

  /** One more server of the same chat; `ownDataDir` gives it a data directory of its own (as on another machine). */
  async add(ownDataDir = false): Promise<TestServer> {
    const config = ownDataDir ? { ...this.config, dataDir: tempDir() } : this.config;
    if (config.dataDir !== undefined && config.dataDir !== this.config.dataDir) this.ownDirs.push(config.dataDir);
    const server = await TestServer.start(config, this.options);
    this.servers.push(server);
    return server;
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop(false)));
    for (const dir of [this.config.dataDir, ...this.ownDirs]) if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * For a `describe` of cluster tests: one redis-server for the suite (or the suite pending
 * when none is installed), and `start` for a fresh cluster per test, stopped after it.
 */
export function useRedisCluster(): {
  start: (count: number, overrides?: Partial<ServerConfig>, options?: StartOptions) => Promise<TestCluster>;
  /** The suite's redis-server (to flush or restart it under a running cluster). */
  redis: () => RedisServer;
} {
  let redis: RedisServer | undefined;
  let cluster: TestCluster | undefined;
  before(async function () {
    redis = await startRedisOrSkip(this);
  });
  after(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });
  return {
    start: async (count, overrides = {}, options = {}) => {
      if (!redis) throw new Error('no redis-server');
      cluster = await TestCluster.start(redis, count, overrides, options);
      return cluster;
    },
    redis: () => {
      if (!redis) throw new Error('no redis-server');
      return redis;
    },
  };
}

let markers = 0;

/**
 * Waits until the servers of `receivers` have heard everything `sender`'s server published
 * so far: one server's events reach the others in order, so once a private message
 * `sender` sends now has arrived, so has every earlier change made there (a join, an away
 * message, a login). A cluster agrees within milliseconds, but not at once.
 */
export async function caughtUpWith(sender: LineClient, ...receivers: LineClient[]): Promise<void> {
  for (const receiver of receivers) {
    const marker = `sync marker ${++markers}`;
    sender.write(`/send ${receiver.nick ?? '?'} ${marker}`);
    await receiver.waitFor(new RegExp(`> ${marker}$`));
  }
}

/**
 * Sends `command` until the line of its answer matching `answer` also matches `wanted` (at
 * most 40 times, 25 ms apart): for a change whose news has nothing after it to wait for,
 * such as a server that stopped.
 */
export async function answersEventually(client: LineClient, command: string, answer: RegExp, wanted: RegExp): Promise<string> {
  let line = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    client.write(command);
    line = await client.waitFor(answer);
    if (wanted.test(line)) return line;
    await delay(25);
  }
  throw new Error(`${command} still answers "${line}", not ${String(wanted)}`);
}
