import type { AddressInfo } from 'node:net';
import { Accounts } from '../auth/accounts.js';
import { buildCommandTable } from '../commands/index.js';
import type { ServerConfig } from '../config.js';
import { removeFilesOfExpired } from '../files/file-expiry.js';
import { FileVault } from '../files/file-vault.js';
import { ChatHub } from '../hub/chat-hub.js';
import { LocalBus } from '../hub/events.js';
import { ChatRules } from '../rules/chat-rules.js';
import type { ChatStore } from '../store/chat-store.js';
import { MemoryStore } from '../store/memory-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { systemClock, type Clock } from '../util/clock.js';
import { createLogger, type Logger } from '../util/logger.js';
import { ChatServer } from './chat-server.js';

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Use this store instead of the one the config names (tests). */
  store?: ChatStore;
  /** Skip listening on a TCP port (tests that use `server.handle`). */
  listen?: boolean;
}

export interface RunningServer {
  server: ChatServer;
  hub: ChatHub;
  rules: ChatRules;
  store: ChatStore;
  address: AddressInfo | undefined;
}

export function openStore(config: ServerConfig): ChatStore {
  return config.store === 'memory' ? new MemoryStore() : SqliteStore.open({ dataDir: config.dataDir });
}

/** Wires storage, hub, accounts and commands together and starts listening. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const store = options.store ?? openStore(config);
  const bus = new LocalBus();
  const hub = new ChatHub({ store, clock, logger, bus, messageTtlMs: config.messageTtlMs });
  const rules = new ChatRules(hub, store, bus, config, clock, logger);
  const vault = new FileVault(config.dataDir);
  rules.expiry.onExpired(removeFilesOfExpired(store, vault));
  try {
    // Uploads cut off by the last stop can never complete.
    await vault.sweepTemp();
    await hub.start();
    await rules.start();
  } catch (error) {
    await rules.stop();
    await hub.close();
    await store.close();
    throw error;
  }
  const accounts = new Accounts(store, clock, logger, config.scrypt);
  const server = new ChatServer({ hub, rules, accounts, commands: buildCommandTable(), config, logger, clock });
  const address = options.listen === false ? undefined : await server.listen();
  return { server, hub, rules, store, address };
}
