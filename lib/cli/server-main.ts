#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { VERSION } from '../config.js';
import { startServer } from '../server/start-server.js';
import { describeRedisUrl } from '../store/redis-connect.js';
import { createLogger } from '../util/logger.js';
import { defineServerOptions, toServerConfig } from './server-options.js';

async function main(): Promise<void> {
  const argv = await defineServerOptions(yargs(hideBin(process.argv)))
    .scriptName('chat-line-server')
    .usage('$0 [options]\n\nA chat server for the terminal. Connect with: nc 127.0.0.1 8000')
    .version(VERSION)
    .strict()
    .help()
    .parse();

  let config;
  try {
    config = toServerConfig(argv);
  } catch (error) {
    console.error(`chat-line-server: ${(error as Error).message}`);
    process.exit(2);
  }
  const logger = createLogger({ level: config.logLevel });

  let running;
  try {
    running = await startServer(config, { logger });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const hint = err.code === 'EADDRINUSE' ? ` (port ${config.port} is in use; pick another with --port)` : '';
    console.error(`chat-line-server: cannot start: ${err.message}${hint}`);
    process.exit(1);
  }
  const { server } = running;
  logger.info('server.ready', {
    store: running.store.kind,
    dataDir: config.store === 'memory' ? undefined : config.dataDir,
    redis: config.redisUrl === null ? undefined : describeRedisUrl(config.redisUrl),
  });

  let signals = 0;
  const shutdown = (signal: string): void => {
    signals++;
    if (signals > 1) {
      logger.warn('server.forced_exit', { signal });
      process.exit(130);
    }
    logger.info('server.signal', { signal });
    server.close('server shutting down, see you soon').then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('server.close_failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => { shutdown('SIGINT'); });
  process.on('SIGTERM', () => { shutdown('SIGTERM'); });
}

void main();
