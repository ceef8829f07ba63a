import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { configFrom } from '../helpers/server-flags.js';
import { tempDir } from '../helpers/test-server.js';

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

describe('server flags for who may report, and for login and registration throttles', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) Reflect.deleteProperty(process.env, key);
  });

  it('defaults to reports from accounts an hour old with 3 messages sent, 3/30/10 failed logins, 10 registrations an hour', () => {
    expect(configFrom([])).to.include({
      reportMinAgeMs: 3_600_000,
      reportMinMessages: 3,
      loginAttempts: 3,
      loginAddressAttempts: 30,
      loginAccountAttempts: 10,
      registerLimit: 10,
      registerWindowMs: 3_600_000,
    });
  });

  it('takes each from its flag or CHAT_LINE_ variable, 0 turning the report rule and the registration limit off', () => {
    const flags = ['--report-min-age', '1d', '--report-min-messages', '10', '--login-attempts', '5', '--login-address-attempts', '100'];
    flags.push('--login-account-attempts', '20', '--register-limit', '50', '--register-window', '1d');
    expect(configFrom(flags)).to.include({
      reportMinAgeMs: 86_400_000,
      reportMinMessages: 10,
      loginAttempts: 5,
      loginAddressAttempts: 100,
      loginAccountAttempts: 20,
      registerLimit: 50,
      registerWindowMs: 86_400_000,
    });
    Object.assign(process.env, {
      CHAT_LINE_REPORT_MIN_AGE: '0',
      CHAT_LINE_REPORT_MIN_MESSAGES: '0',
      CHAT_LINE_LOGIN_ATTEMPTS: '4',
      CHAT_LINE_LOGIN_ADDRESS_ATTEMPTS: '40',
      CHAT_LINE_LOGIN_ACCOUNT_ATTEMPTS: '12',
      CHAT_LINE_REGISTER_LIMIT: '0',
      CHAT_LINE_REGISTER_WINDOW: '10m',
    });
    expect(configFrom([])).to.include({
      reportMinAgeMs: 0,
      reportMinMessages: 0,
      loginAttempts: 4,
      loginAddressAttempts: 40,
      loginAccountAttempts: 12,
      registerLimit: 0,
      registerWindowMs: 600_000,
    });
  });

  it('refuses values that make no sense, naming the flag', () => {
    expect(() => configFrom(['--report-min-age', 'a while'])).to.throw(/--report-min-age must be a duration/);
    expect(() => configFrom(['--report-min-messages', '-1'])).to.throw(/--report-min-messages must be a whole number from 0/);
    expect(() => configFrom(['--login-attempts', '0'])).to.throw(/--login-attempts must be a whole number from 1/);
    expect(() => configFrom(['--login-address-attempts', '2.5'])).to.throw(/--login-address-attempts must be a whole number/);
    expect(() => configFrom(['--login-account-attempts', '0'])).to.throw(/--login-account-attempts must be a whole number from 1/);
    expect(() => configFrom(['--register-limit', '-1'])).to.throw(/--register-limit must be a whole number from 0/);
    expect(() => configFrom(['--register-window', '0'])).to.throw(/--register-window must be a duration/);
  });
});

describe('server flags for operators, the MOTD, TLS and HTTP', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes --admin more than once, and refuses one that is not a nick', () => {
    expect(configFrom(['--admin', 'alice', '--admin', 'bob']).admins).to.deep.equal(['alice', 'bob']);
    expect(configFrom([]).admins).to.deep.equal([]);
    expect(() => configFrom(['--admin', 'not a nick'])).to.throw(/^--admin must be a nick/);
  });

  it('reads the same keys from a --config file, with flags on the command line winning', () => {
    const file = path.join(dir, 'chat-line.json');
    fs.writeFileSync(file, JSON.stringify({ admin: ['alice'], motd: 'Be nice', 'http-port': 8080 }));
    const config = configFrom(['--config', file, '--http-port', '9090']);
    expect(config.admins).to.deep.equal(['alice']);
    expect(config.motd).to.equal('Be nice');
    expect(config.http).to.deep.equal({ port: 9090, host: '127.0.0.1' });
  });

  it('reads --motd-file at start, line by line, with control characters removed', () => {
    const file = path.join(dir, 'motd.txt');
    fs.writeFileSync(file, 'Welcome!\r\n\x1b[31mBe nice\n\n');
    expect(configFrom(['--motd-file', file]).motd).to.equal('Welcome!\nBe nice');
    expect(() => configFrom(['--motd-file', path.join(dir, 'missing.txt')])).to.throw(/^cannot read --motd-file .*missing\.txt/);
    expect(() => configFrom(['--motd', 'a', '--motd-file', file])).to.throw(/--motd or --motd-file, not both/);
  });

  it('wants --tls-port, --tls-cert and --tls-key together', () => {
    expect(configFrom([]).tls).to.equal(null);
    const tls = configFrom(['--tls-port', '6697', '--tls-cert', 'c.pem', '--tls-key', 'k.pem']).tls;
    expect(tls).to.deep.equal({ port: 6697, certFile: path.resolve('c.pem'), keyFile: path.resolve('k.pem') });
    expect(() => configFrom(['--tls-port', '6697'])).to.throw(/go together/);
    expect(() => configFrom(['--tls-port', '70000', '--tls-cert', 'c', '--tls-key', 'k'])).to.throw(/^--tls-port must be a whole number/);
  });

  it('serves IRC only with --irc-port, with guests unless --irc-guests off, also from CHAT_LINE_IRC_PORT', () => {
    expect(configFrom([])).to.include({ ircPort: null, ircGuests: true });
    expect(configFrom(['--irc-port', '6667', '--irc-guests', 'off'])).to.include({ ircPort: 6667, ircGuests: false });
    expect(() => configFrom(['--irc-port', 'six'])).to.throw(/^--irc-port must be a whole number from 0 to 65535/);
    process.env.CHAT_LINE_IRC_PORT = '6668';
    try {
      expect(configFrom([]).ircPort).to.equal(6668);
    } finally {
      delete process.env.CHAT_LINE_IRC_PORT;
    }
  });

  it('serves IRC over TLS with --irc-tls-port and the certificate of --tls-cert and --tls-key, with or without --tls-port', () => {
    expect(configFrom([]).ircTls).to.equal(null);
    const both = configFrom(['--irc-tls-port', '6697', '--tls-port', '8443', '--tls-cert', 'c.pem', '--tls-key', 'k.pem']);
    expect(both.ircTls).to.deep.equal({ port: 6697, certFile: path.resolve('c.pem'), keyFile: path.resolve('k.pem') });
    expect(both.tls?.port).to.equal(8443);
    const ircOnly = configFrom(['--irc-tls-port', '6697', '--tls-cert', 'c.pem', '--tls-key', 'k.pem']);
    expect([ircOnly.tls, ircOnly.ircTls?.port]).to.deep.equal([null, 6697]);
    expect(() => configFrom(['--irc-tls-port', '6697'])).to.throw(/^--irc-tls-port needs --tls-cert and --tls-key/);
    expect(() => configFrom(['--tls-cert', 'c.pem', '--tls-key', 'k.pem'])).to.throw(/go together/);
  });

  it('has no HTTP endpoint unless --http-port is given, and binds it to 127.0.0.1 unless told otherwise', () => {
    expect(configFrom([]).http).to.equal(null);
    expect(configFrom(['--http-port', '0']).http).to.deep.equal({ port: 0, host: '127.0.0.1' });
    expect(configFrom(['--http-port', '8080', '--http-host', '0.0.0.0']).http).to.deep.equal({ port: 8080, host: '0.0.0.0' });
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

  it('accepts a Redis that lost its data only when told, with --redis-accept-reset or CHAT_LINE_REDIS_ACCEPT_RESET, and only with Redis', () => {
    Reflect.deleteProperty(process.env, 'REDIS_URL');
    expect(configFrom(['--redis', 'redis://127.0.0.1:6379'])).to.include({ redisAcceptReset: false });
    expect(configFrom(['--redis', 'redis://127.0.0.1:6379', '--redis-accept-reset'])).to.include({ redisAcceptReset: true });
    process.env.CHAT_LINE_REDIS_ACCEPT_RESET = 'true';
    expect(configFrom(['--redis', 'redis://127.0.0.1:6379'])).to.include({ redisAcceptReset: true });
    expect(() => configFrom([])).to.throw(/--redis-accept-reset is for a Redis store: it goes with --redis <url>/);
  });
});
