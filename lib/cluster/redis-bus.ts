import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DEFAULT_KEY_PREFIX, closeRedis, connectRedis, type RedisConnectOptions } from '../store/redis/redis-connect.js';
import type { Logger } from '../util/logger.js';
import type { EventBus, HubEvent } from '../chat/hub/events.js';

export interface RedisBusOptions extends RedisConnectOptions {
  /** The channel is `<keyPrefix>events`: use the store's prefix so one chat = one channel. */
  keyPrefix?: string;
}

/** What goes over the channel: the events one process published in one turn of its event loop, in order. */
interface Envelope {
  origin: string;
  events: HubEvent[];
}

/** Every event type, so that the type checker points out one added to HubEvent but not here. */
const EVENT_TYPES: Readonly<Record<HubEvent['type'], true>> = {
  message: true,
  'message-edited': true,
  'message-deleted': true,
  'room-created': true,
  'topic-changed': true,
  'member-joined': true,
  'member-left': true,
  invited: true,
  'member-kicked': true,
  'ban-started': true,
  'ban-ended': true,
  'profile-changed': true,
  'user-disconnected': true,
  announcement: true,
  'motd-changed': true,
  'mute-changed': true,
  notice: true,
  'room-notice': true,
  'schedule-changed': true,
  presence: true,
  'presence-query': true,
  'server-stopped': true,
};

/**
 * EventBus across server processes through Redis pub/sub, on one channel which every
 * process subscribes to: never a PUBLISH per recipient, and at most one per event. The
 * events published in one turn of the event loop (a batch of stored messages, say) go in
 * one PUBLISH, which under load saves Redis and every subscriber most of the work.
 *
 * The publishing process hands the event to its own handlers at once, synchronously, as
 * LocalBus does, so its users see their own messages without waiting for Redis; every
 * envelope carries this process's id so that its echo from Redis is dropped (before it is
 * parsed) and each event is handled exactly once everywhere. Pub/sub delivers at most
 * once: a process that is disconnected misses events (the hub reads messages it missed
 * from the store, see DeliveryOrder; its users get the rest by catch-up).
 */
export class RedisBus implements EventBus {
  private readonly handlers: ((event: HubEvent) => void)[] = [];
  private readonly origin = randomUUID();
  /** How every envelope of ours starts (JSON.stringify keeps the key order): echoes are dropped unparsed. */
  private readonly ownPrefix = `{"origin":${JSON.stringify(this.origin)},`;
  /** Events published this turn, sent together at its end. */
  private queued: HubEvent[] = [];
  private closed = false;

  static async connect(url: string, options: RedisBusOptions = {}): Promise<RedisBus> {
    const channel = `${options.keyPrefix ?? DEFAULT_KEY_PREFIX}events`;
    // A subscribed connection can do nothing but listen: publishing needs its own.
    const publisher = await connectRedis(url, 'bus publisher', options);
    let subscriber: Redis | undefined;
    try {
      subscriber = await connectRedis(url, 'bus subscriber', options);
      const bus = new RedisBus(publisher, subscriber, channel, options.logger);
      // Subscribed before connect() resolves: no event published after that is missed.
      await subscriber.subscribe(channel);
      return bus;
    } catch (error) {
      await Promise.all([closeRedis(publisher), subscriber && closeRedis(subscriber)]);
      throw error;
    }
  }

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly logger: Logger | undefined,
  ) {
    subscriber.on('message', (from: string, text: string) => {
      if (from === this.channel) this.receive(text);
    });
  }

  publish(event: HubEvent): void {
    if (this.closed) return;
    // Queued first, so that other processes hear of it even if a local handler throws.
    if (this.queued.length === 0) queueMicrotask(() => { this.flush(); });
    this.queued.push(event);
    for (const handler of this.handlers) handler(event);
  }

  private flush(): void {
    const events = this.queued;
    this.queued = [];
    if (events.length === 0) return;
    const envelope: Envelope = { origin: this.origin, events };
    this.publisher.publish(this.channel, JSON.stringify(envelope)).catch((error: unknown) => {
      this.logger?.error('bus.publish_failed', { events: events.length, first: events[0]?.type, error: String(error) });
    });
  }

  subscribe(handler: (event: HubEvent) => void): void {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.handlers.length = 0;
    await Promise.all([closeRedis(this.subscriber), closeRedis(this.publisher)]);
  }

  /** Events from the channel: dropped if they are our own echo or not events at all. */
  private receive(text: string): void {
    if (text.startsWith(this.ownPrefix) || this.closed) return;
    const envelope = parseEnvelope(text);
    if (!envelope) {
      this.logger?.warn('bus.bad_message', { channel: this.channel, length: text.length });
      return;
    }
    for (const event of envelope.events) {
      for (const handler of this.handlers) {
        // A handler's failure must not break delivery to the others, nor the Redis connection.
        try {
          handler(event);
        } catch (error) {
          this.logger?.error('bus.handler_failed', { type: event.type, error: String(error) });
        }
      }
    }
  }
}

/** The envelope in `text`, or undefined if it is not one (another program on the channel). */
function parseEnvelope(text: string): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { origin, events } = value as Partial<Record<keyof Envelope, unknown>>;
  if (typeof origin !== 'string' || !Array.isArray(events)) return undefined;
  // Events come from chat-line processes on our channel: the types are checked, not every field.
  return events.every(isEvent) ? { origin, events } : undefined;
}

function isEvent(event: unknown): event is HubEvent {
  if (typeof event !== 'object' || event === null) return false;
  const { type } = event as { type?: unknown };
  return typeof type === 'string' && Object.hasOwn(EVENT_TYPES, type);
}
