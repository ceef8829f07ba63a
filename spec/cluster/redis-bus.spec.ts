import { expect } from 'chai';
import { Redis } from 'ioredis';
import type { HubEvent } from '../../lib/chat/hub/events.js';
import { RedisBus } from '../../lib/cluster/redis-bus.js';
import type { LogFields, Logger } from '../../lib/util/logger.js';
import { freePort, redisSuiteTitle, startRedisOrSkip, type RedisServer } from '../helpers/redis-server.js';
import { asStored, roomMsg } from '../helpers/records.js';

/** What a server's handler got, with a way to wait until it has got `count` events. */
class Received {
  readonly events: HubEvent[] = [];
  private waiting: { count: number; resolve: () => void }[] = [];

  readonly handler = (event: HubEvent): void => {
    this.events.push(event);
    this.waiting = this.waiting.filter((waiter) => {
      if (this.events.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  };

  until(count: number): Promise<void> {
    if (this.events.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ count, resolve }));
  }
}

class RecordingLogger implements Logger {
  readonly lines: { level: string; event: string; fields?: LogFields }[] = [];
  debug(event: string, fields?: LogFields): void {
    this.lines.push({ level: 'debug', event, fields });
  }
  info(event: string, fields?: LogFields): void {
    this.lines.push({ level: 'info', event, fields });
  }
  warn(event: string, fields?: LogFields): void {
    this.lines.push({ level: 'warn', event, fields });
  }
  error(event: string, fields?: LogFields): void {
    this.lines.push({ level: 'error', event, fields });
  }
  events(): string[] {
    return this.lines.map((line) => line.event);
  }
}

const message = asStored(roomMsg('lobby', 'Alice', 'héllo ✓'), 7);
const posted: HubEvent = { type: 'message', message };
const joined: HubEvent = { type: 'member-joined', room: 'lobby', nick: 'bob' };
const left: HubEvent = { type: 'member-left', room: 'lobby', nick: 'bob' };
const kicked: HubEvent = { type: 'member-kicked', room: 'secret', nick: 'bob', by: 'alice' };

/** Sockets and timers alive now: what a closed bus must not leave behind. */
function openHandles(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => /^(TCP|Timeout)/.test(kind)).sort();
}

describe(redisSuiteTitle('RedisBus'), function () {
  let redis: RedisServer | undefined;
  let chats = 0;
  let buses: RedisBus[] = [];

  before(async function () {
    redis = await startRedisOrSkip(this);
  });

  after(async () => {
    await redis?.stop();
  });

  afterEach(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    buses = [];
  });

  function url(): string {
    if (!redis) throw new Error('no redis-server');
    return redis.url;
  }

  /** A prefix (so a channel) per test: tests never hear each other. */
  function freshChat(): string {
    return `bus-spec-${process.pid}-${++chats}:`;
  }

  /** A server's bus on `chat`, with a handler recording what it gets. */
  async function server(chat: string, logger?: Logger): Promise<{ bus: RedisBus; received: Received }> {
    const bus = await RedisBus.connect(url(), { keyPrefix: chat, logger });
    buses.push(bus);
    const received = new Received();
    bus.subscribe(received.handler);
    return { bus, received };
  }

  it('hands an event to the publishing server at once and to the other server through Redis, once each', async () => {
    const chat = freshChat();
    const [a, b] = await Promise.all([server(chat), server(chat)]);
    a.bus.publish(posted);
    // Synchronous on the publisher, as with LocalBus: no waiting for Redis.
    expect(a.received.events).to.deep.equal([posted]);
    await b.received.until(1);
    expect(b.received.events).to.deep.equal([posted]);
  });

  it('never hands a server its own event a second time', async () => {
    const chat = freshChat();
    const [a, b] = await Promise.all([server(chat), server(chat)]);
    a.bus.publish(joined);
    await b.received.until(1);
    b.bus.publish(left);
    // Redis delivers in order: by the time b's event reaches a, an echo of a's own would have too.
    await a.received.until(2);
    expect(a.received.events).to.deep.equal([joined, left]);
    expect(b.received.events).to.deep.equal([joined, left]);
  });

  it('carries presence, ignore, mute, kick, announcement and MOTD events to the other server intact', async () => {
    const chat = freshChat();
    const [a, b] = await Promise.all([server(chat), server(chat)]);
    const events: HubEvent[] = [
      { type: 'profile-changed', nick: 'bob', change: { away: 'lunch', ignores: ['carol'] } },
      { type: 'mute-changed', nick: 'bob', mute: { nick: 'bob', until: 2, by: 'op', createdAt: 1 } },
      { type: 'mute-changed', nick: 'bob', mute: null },
      { type: 'user-disconnected', nick: 'bob', by: 'op' },
      { type: 'announcement', from: 'op', text: 'restart at 5' },
      { type: 'motd-changed', motd: 'be nice' },
    ];
    for (const event of events) a.bus.publish(event);
    await b.received.until(events.length);
    expect(b.received.events).to.deep.equal(events);
  });

  it('carries a kick from a private room to the other servers, so they stop delivering to the member too', async () => {
    const chat = freshChat();
    const [a, b] = await Promise.all([server(chat), server(chat)]);
    a.bus.publish(kicked);
    await b.received.until(1);
    expect(b.received.events).to.deep.equal([kicked]);
  });

  it('sends the events of one turn of the event loop in one PUBLISH, in order', async () => {
    const chat = freshChat();
    const [a, b] = await Promise.all([server(chat), server(chat)]);
    const listener = new Redis(url(), { lazyConnect: true });
    await listener.connect();
    const payloads: string[] = [];
    listener.on('message', (_channel: string, text: string) => payloads.push(text));
    await listener.subscribe(`${chat}events`);
    try {
      a.bus.publish(joined);
      a.bus.publish(posted);
      a.bus.publish(left);
      await b.received.until(3);
      expect(b.received.events).to.deep.equal([joined, posted, left]);
      expect(payloads).to.have.lengthOf(1);
    } finally {
      await listener.quit();
    }
  });

  it('keeps chats with different prefixes apart', async () => {
    const [chat1, chat2] = [freshChat(), freshChat()];
    const [a, b, c, d] = await Promise.all([server(chat1), server(chat1), server(chat2), server(chat2)]);
    a.bus.publish(joined);
    await b.received.until(1);
    d.bus.publish(left);
    await c.received.until(1);
    expect(c.received.events).to.deep.equal([left]);
    expect(b.received.events).to.deep.equal([joined]);
  });

  it('ignores what is not an event on its channel, and goes on delivering', async () => {
    const chat = freshChat();
    const logger = new RecordingLogger();
    const [a, b] = await Promise.all([server(chat), server(chat, logger)]);
    const other = new Redis(url(), { lazyConnect: true });
    await other.connect();
    try {
      await other.publish(`${chat}events`, 'not json');
      await other.publish(`${chat}events`, JSON.stringify({ origin: 'x', event: { type: 'no-such-event' } }));
      await other.publish(`${chat}events`, JSON.stringify({ event: joined }));
    } finally {
      await other.quit();
    }
    a.bus.publish(posted);
    await b.received.until(1);
    expect(b.received.events).to.deep.equal([posted]);
    expect(logger.events()).to.deep.equal(['bus.bad_message', 'bus.bad_message', 'bus.bad_message']);
  });

  it("keeps delivering to a server's other handlers when one of them throws, and logs it", async () => {
    const chat = freshChat();
    const logger = new RecordingLogger();
    const a = await server(chat);
    const b = await RedisBus.connect(url(), { keyPrefix: chat, logger });
    buses.push(b);
    const received = new Received();
    b.subscribe(() => {
      throw new Error('handler bug');
    });
    b.subscribe(received.handler);
    a.bus.publish(posted);
    await received.until(1);
    expect(received.events).to.deep.equal([posted]);
    expect(logger.events()).to.deep.equal(['bus.handler_failed']);
  });

  it('leaves no socket or timer open once closed, and publishes nothing after', async () => {
    // Mocha arms its timeout timer once the test has returned its promise: count after that.
    await Promise.resolve();
    const before = openHandles();
    const chat = freshChat();
    const a = await RedisBus.connect(url(), { keyPrefix: chat });
    const b = await RedisBus.connect(url(), { keyPrefix: chat });
    expect(openHandles().length).to.be.greaterThan(before.length);
    await Promise.all([a.close(), b.close()]);
    expect(openHandles()).to.deep.equal(before);
    a.publish(joined);
    await a.close();
  });

  it('fails at once, naming the URL, when nothing listens there', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    let error: unknown;
    try {
      await RedisBus.connect(nowhere);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.include(nowhere).and.match(/cannot connect to Redis/);
  });
});
