import { expect } from 'chai';
import yargs from 'yargs';
import { defineServerOptions, toServerConfig } from '../../lib/cli/server-options.js';
import type { ServerConfig } from '../../lib/config.js';

function configFrom(args: string[]): ServerConfig {
  return toServerConfig(defineServerOptions(yargs(args)).strict().parseSync());
}

describe('server flags for limits', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) Reflect.deleteProperty(process.env, key);
  });

  it('defaults to 10000 connections, 100 per address, no idle timeout, and fakelag of 10 lines then 5 a second', () => {
    const config = configFrom([]);
    expect(config).to.include({ maxConnections: 10_000, maxPerAddress: 100, idleTimeoutMs: 0, floodRate: 5, floodBurst: 10 });
  });

  it('takes each from its flag', () => {
    const config = configFrom(['--max-connections', '500', '--max-per-address', '3', '--idle-timeout', '10m', '--flood-rate', '0.5', '--flood-burst', '4']);
    expect(config).to.include({ maxConnections: 500, maxPerAddress: 3, idleTimeoutMs: 600_000, floodRate: 0.5, floodBurst: 4 });
  });

  it('takes each from its CHAT_LINE_ environment variable as well', () => {
    Object.assign(process.env, {
      CHAT_LINE_MAX_CONNECTIONS: '20',
      CHAT_LINE_MAX_PER_ADDRESS: '2',
      CHAT_LINE_IDLE_TIMEOUT: '90s',
      CHAT_LINE_FLOOD_RATE: '0',
      CHAT_LINE_FLOOD_BURST: '0',
    });
    expect(configFrom([])).to.include({ maxConnections: 20, maxPerAddress: 2, idleTimeoutMs: 90_000, floodRate: 0, floodBurst: 0 });
  });

  it('refuses values that make no sense, naming the flag', () => {
    expect(() => configFrom(['--max-connections', '0'])).to.throw(/--max-connections must be a whole number from 1/);
    expect(() => configFrom(['--max-per-address', '2.5'])).to.throw(/--max-per-address must be a whole number/);
    expect(() => configFrom(['--idle-timeout', 'soon'])).to.throw(/--idle-timeout must be a duration such as 90s, 10m or 4h \(0 = off\)/);
    expect(() => configFrom(['--flood-rate', '-1'])).to.throw(/--flood-rate must be a number from 0/);
    expect(() => configFrom(['--flood-burst', '1.5'])).to.throw(/--flood-burst must be a whole number/);
  });
});

describe('server flags for running several servers over Redis', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) Reflect.deleteProperty(process.env, key);
    Object.assign(process.env, saved);
  });

  it('keeps the embedded store and no Redis by default', () => {
    Reflect.deleteProperty(process.env, 'REDIS_URL');
    expect(configFrom([])).to.include({ store: 'sqlite', redisUrl: null, redisKeyPrefix: 'chat-line:' });
  });

  it('switches to the Redis store with --redis, REDIS_URL or CHAT_LINE_REDIS', () => {
    Reflect.deleteProperty(process.env, 'REDIS_URL');
    expect(configFrom(['--redis', 'redis://127.0.0.1:6379'])).to.include({ store: 'redis', redisUrl: 'redis://127.0.0.1:6379' });
    process.env.REDIS_URL = 'redis://10.0.0.5:6379';
    expect(configFrom([])).to.include({ store: 'redis', redisUrl: 'redis://10.0.0.5:6379' });
    Reflect.deleteProperty(process.env, 'REDIS_URL');
    process.env.CHAT_LINE_REDIS = 'redis://10.0.0.6:6379';
    expect(configFrom(['--redis-prefix', 'chat-b:'])).to.include({ store: 'redis', redisUrl: 'redis://10.0.0.6:6379', redisKeyPrefix: 'chat-b:' });
  });

  it('refuses a URL that is not a Redis URL, --store redis without one, and Redis with the memory store', () => {
    Reflect.deleteProperty(process.env, 'REDIS_URL');
    expect(() => configFrom(['--redis', 'http://127.0.0.1:6379'])).to.throw(/--redis: .* is not a Redis URL: use redis:\/\/host:port/);
    expect(() => configFrom(['--store', 'redis'])).to.throw(/--store redis needs --redis <url>/);
    expect(() => configFrom(['--redis', 'redis://127.0.0.1:6379', '--store', 'memory'])).to.throw(/do not go together/);
    expect(() => configFrom(['--redis', 'redis://127.0.0.1:6379', '--redis-prefix', ' '])).to.throw(/--redis-prefix must not be empty/);
  });
});
