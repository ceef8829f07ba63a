import fs from 'node:fs';
import type { ServerConfig } from '../../lib/config.js';
import type { StartOptions } from '../../lib/server/start-server.js';
import { startRedisOrSkip, type RedisServer } from './redis-server.js';
import { TestServer, tempDir } from './test-server.js';

let chats = 0;

/**
 * Several real servers of one chat over a shared Redis, as an operator runs them on one
 * machine: each its own port, all one key prefix (new for every cluster, so tests do not
 * see each other's data) and one data directory (for files).
 */
export class TestCluster {
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

  /** One more server of the same chat. */
  async add(): Promise<TestServer> {
    const server = await TestServer.start(this.config, this.options);
    this.servers.push(server);
    return server;
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop(false)));
    if (this.config.dataDir) fs.rmSync(this.config.dataDir, { recursive: true, force: true });
  }
}

/**
 * For a `describe` of cluster tests: one redis-server for the suite (or the suite pending
 * when none is installed), and `start` for a fresh cluster per test, stopped after it.
 */
export function useRedisCluster(): { start: (count: number, overrides?: Partial<ServerConfig>, options?: StartOptions) => Promise<TestCluster> } {
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
  };
}
