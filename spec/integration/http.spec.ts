import { expect } from 'chai';
import { httpRequest as request } from '../helpers/http-request.js';
import { ANYONE_MAY_REPORT, TestServer, useTestServer } from '../helpers/test-server.js';

/** The value of one sample line of the Prometheus text format, e.g. `chat_line_messages_total{kind="room"}`. */
function sample(metrics: string, name: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('the HTTP endpoint for operations', function () {
  const ctx = useTestServer({ http: { port: 0, host: '127.0.0.1' } });
  const port = (): number => {
    const address = ctx.server.running.httpAddress;
    if (!address) throw new Error('no HTTP endpoint');
    expect(address.address).to.equal('127.0.0.1');
    return address.port;
  };

  it('answers GET /status with JSON for operators: time, uptime, version, connections, users online, all rooms, messages stored', async function () {
    const alice = await ctx.server.login('alice');
    await ctx.server.login('alice');
    alice.write('one');
    await alice.waitFor(/<alice> one/);
    const answer = await request(port(), '/status');
    expect(answer.status).to.equal(200);
    expect(answer.type).to.match(/^application\/json/);
    const status = JSON.parse(answer.body) as Record<string, unknown>;
    expect(status).to.include({ version: '0.1.0', connections: 2, usersOnline: 1, rooms: 1, messagesStored: 1, store: 'sqlite' });
    expect(status.time).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(status.uptimeSeconds).to.be.a('number');
    // Whole-server counts, private traffic included: the JSON says whom it is for.
    expect(status.note).to.match(/^for operators: .*private rooms and messages included/);
  });

  it('answers GET /healthz with ok, and unknown paths and other methods with 404 and 405', async function () {
    expect(await request(port(), '/healthz')).to.deep.include({ status: 200, body: 'ok\n' });
    expect((await request(port(), '/nope')).status).to.equal(404);
    expect((await request(port(), '/status', 'POST')).status).to.equal(405);
  });

  it('counts connections, logins, failures, messages by kind and deliveries in GET /metrics', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const wrong = await ctx.server.connect();
    wrong.write('/login alice nope');
    await wrong.waitFor(/WRONG_PASSWORD/);
    alice.write('to the room');
    await bob.waitFor(/to the room/);
    alice.write('/send bob privately');
    await bob.waitFor(/privately/);
    await alice.waitFor(/privately/);
    const answer = await request(port(), '/metrics');
    expect(answer.status).to.equal(200);
    expect(answer.type).to.match(/^text\/plain; version=0\.0\.4/);
    const metrics = answer.body;
    expect(sample(metrics, 'chat_line_connections_total')).to.equal(3);
    expect(sample(metrics, 'chat_line_connections')).to.equal(3);
    expect(sample(metrics, 'chat_line_users_online')).to.equal(2);
    expect(sample(metrics, 'chat_line_rooms')).to.equal(1);
    expect(sample(metrics, 'chat_line_logins_total')).to.equal(2);
    expect(sample(metrics, 'chat_line_login_failures_total{reason="wrong_password"}')).to.equal(1);
    expect(sample(metrics, 'chat_line_messages_total{kind="room"}')).to.equal(1);
    expect(sample(metrics, 'chat_line_messages_total{kind="private"}')).to.equal(1);
    expect(sample(metrics, 'chat_line_deliveries_total')).to.equal(4);
    expect(sample(metrics, 'chat_line_slow_consumers_dropped_total')).to.equal(0);
    expect(sample(metrics, 'chat_line_rate_limit_refusals_total')).to.equal(0);
    expect(sample(metrics, 'chat_line_bans_total')).to.equal(0);
    expect(sample(metrics, 'chat_line_store_append_seconds_count')).to.equal(2);
    expect(sample(metrics, 'chat_line_event_loop_lag_seconds{stat="p99"}')).to.be.a('number');
  });
});

/** An HTTP endpoint on a free port: only a server with one keeps metrics. */
const HTTP = { port: 0, host: '127.0.0.1' };

async function metricsOf(server: TestServer): Promise<string> {
  const { metrics } = server.running;
  if (!metrics) throw new Error('a server without an HTTP endpoint keeps no metrics');
  return metrics.registry.metrics();
}

describe('metrics of the chat rules', function () {

  it('counts a report ban where it was imposed', async function () {
    const server = await TestServer.start({ ...ANYONE_MAY_REPORT, banThreshold: 1, http: HTTP });
    try {
      await server.login('troll');
      const alice = await server.login('alice');
      alice.write('/ban troll');
      await alice.waitFor(/troll/);
      expect(sample(await metricsOf(server), 'chat_line_bans_total')).to.equal(1);
    } finally {
      await server.stop();
    }
  });

  it('counts sends refused by the rate limit', async function () {
    const server = await TestServer.start({ rateLimit: 1, http: HTTP });
    try {
      const alice = await server.login('alice');
      alice.write('one');
      alice.write('two');
      await alice.waitFor(/^ERROR RATE_LIMITED/);
      expect(sample(await metricsOf(server), 'chat_line_rate_limit_refusals_total')).to.equal(1);
    } finally {
      await server.stop();
    }
  });
});

describe('the HTTP endpoint when not asked for', function () {
  it('is off by default, and then no metrics are kept (nor prom-client loaded for them)', async function () {
    const server = await TestServer.start();
    try {
      expect(server.running.httpAddress).to.equal(undefined);
      expect(server.running.metrics).to.equal(undefined);
    } finally {
      await server.stop();
    }
  });

  it('keeps each server\'s metrics apart, several in one process', async function () {
    const first = await TestServer.start({ http: HTTP });
    const second = await TestServer.start({ http: HTTP });
    try {
      await first.login('alice');
      const text = await metricsOf(second);
      expect(sample(text, 'chat_line_logins_total')).to.equal(0);
      expect(sample(text, 'chat_line_login_failures_total{reason="throttled"}')).to.equal(0);
      expect(sample(text, 'chat_line_messages_total{kind="private"}')).to.equal(0);
      expect(sample(await metricsOf(first), 'chat_line_logins_total')).to.equal(1);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
