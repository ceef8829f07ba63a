import type { EventBus, HubEvent } from './events.js';

export interface HeldSubscription {
  /** Hands over the events held so far, in order, and every later one as it comes. */
  release(): void;
}

/**
 * Subscribes to the bus at once but holds the events back until `release()`. For state
 * that is loaded from the store after subscribing: in a cluster another server may change
 * it while the load is under way, and an event published then must not be lost. So the
 * subscription comes first and the held events are applied after the load; applying one
 * whose effect the load already saw must therefore change nothing (adding a room or member
 * that is there, removing one that is gone, a message id already handled).
 */
export function subscribeHeld(bus: EventBus, handler: (event: HubEvent) => void): HeldSubscription {
  let held: HubEvent[] | undefined = [];
  bus.subscribe((event) => {
    if (held) held.push(event);
    else handler(event);
  });
  return {
    release() {
      const events = held ?? [];
      held = undefined;
      for (const event of events) handler(event);
    },
  };
}
