import { expect } from 'chai';
import { ClusterPresence, MISSED_HEARTBEATS, PRESENCE_HEARTBEAT_MS } from '../../lib/cluster/cluster-presence.js';
import { LocalBus, type EventBus, type HubEvent, type PresenceEntry } from '../../lib/chat/hub/events.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';

/** What the servers use: the kill -9 bound below must hold for it. */
const HEARTBEAT_MS = PRESENCE_HEARTBEAT_MS;
/** A dead server's users must be shown offline on the others within this long. */
const DEAD_SERVER_BOUND_MS = 10_000;

/** A server's connection to the bus, which a test can cut (kill -9, a stalled process) and restore. */
const links = new WeakMap<ClusterPresence, { up: boolean }>();

function setLink(presence: ClusterPresence, up: boolean): void {
  const link = links.get(presence);
  if (link) link.up = up;
}

/** One server's presence on a bus shared with others (LocalBus hands every event to everyone). */
function server(bus: LocalBus, clock: FakeClock, users: PresenceEntry[] = [], heartbeatMs = HEARTBEAT_MS): ClusterPresence {
  const link = { up: true };
  const linked: EventBus = {
    publish: (event) => {
      if (link.up) bus.publish(event);
    },
    subscribe: (handler) => {
      bus.subscribe(handler);
    },
    close: () => Promise.resolve(),
  };
  const presence = new ClusterPresence({ bus: linked, clock, heartbeatMs, local: () => users });
  links.set(presence, link);
  bus.subscribe((event) => {
    if (!link.up) return;
    if (event.type === 'presence' || event.type === 'presence-query' || event.type === 'server-stopped') presence.apply(event);
  });
  return presence;
}

describe('who is online on the other servers of a cluster', () => {
  let clock: FakeClock;
  let bus: LocalBus;
  let published: HubEvent[];
  let running: ClusterPresence[];

  beforeEach(() => {
    clock = fakeClock();
    bus = new LocalBus();
    published = [];
    bus.subscribe((event) => published.push(event));
    running = [];
  });
  afterEach(() => {
    for (const presence of running) presence.stop();
    expect(clock.pending()).to.equal(0);
  });

  function start(users: PresenceEntry[] = []): ClusterPresence {
    const presence = server(bus, clock, users);
    presence.start();
    running.push(presence);
    return presence;
  }

  it('learns the users of a server that was up before it, by asking at start', () => {
    start([{ nick: 'Alice', sessions: 2 }]);
    const two = start();
    expect(two.userElsewhere('alice').sessions).to.equal(2);
    expect(two.count).to.equal(1);
    expect(two.elsewhere()).to.deep.equal({ users: new Set(['alice']), sessions: 2 });
  });

  it('follows logins and logouts on the others as they happen', () => {
    const one = start();
    const two = start();
    one.changed('bob', 1);
    expect(two.userElsewhere('BOB').sessions).to.equal(1);
    one.changed('bob', 0);
    expect(two.userElsewhere('bob').sessions).to.equal(0);
    expect(one.userElsewhere('bob').sessions).to.equal(0);
  });

  it('forgets the users of a server that stops', () => {
    const one = start([{ nick: 'carol', sessions: 1 }]);
    const two = start();
    one.stop();
    expect(two.userElsewhere('carol').sessions).to.equal(0);
    expect(two.count).to.equal(0);
  });

  it(`takes a server that misses ${MISSED_HEARTBEATS} heartbeats for dead, with its users`, async () => {
    const one = start();
    // A server that dies (kill -9) says nothing more: here, one that spoke once.
    bus.publish({ type: 'presence', server: 'dead-server', users: [{ nick: 'dave', sessions: 1 }], full: true });
    expect(one.userElsewhere('dave').sessions).to.equal(1);
    await clock.advance(MISSED_HEARTBEATS * HEARTBEAT_MS);
    expect(one.userElsewhere('dave').sessions).to.equal(1);
    await clock.advance(HEARTBEAT_MS);
    expect(one.userElsewhere('dave').sessions).to.equal(0);
  });

  it(`shows the users of a server that dies offline within ${DEAD_SERVER_BOUND_MS / 1000} s, wherever it was in its beat`, async () => {
    for (const offset of [0, 1, HEARTBEAT_MS / 2, HEARTBEAT_MS - 1, HEARTBEAT_MS + 1, 7 * HEARTBEAT_MS + 3]) {
      const survivor = start();
      const doomed = start([{ nick: 'dave', sessions: 1 }]);
      await clock.advance(offset);
      expect(survivor.userElsewhere('dave').sessions, `online before the kill (offset ${offset})`).to.equal(1);
      // kill -9: nothing more is heard from it.
      setLink(doomed, false);
      let waited = 0;
      while (survivor.userElsewhere('dave').sessions > 0 && waited <= 60_000) {
        await clock.advance(100);
        waited += 100;
      }
      expect(waited, `shown offline after (offset ${offset})`).to.be.at.most(DEAD_SERVER_BOUND_MS);
      for (const presence of [survivor, doomed]) {
        presence.stop();
        running.splice(running.indexOf(presence), 1);
      }
    }
  });

  it('keeps a live server that goes on sending heartbeats, and replaces its list with each full one', async () => {
    const users: PresenceEntry[] = [{ nick: 'erin', sessions: 1 }];
    start(users);
    const two = start();
    users.splice(0, 1, { nick: 'frank', sessions: 3 });
    await clock.advance(60_000);
    expect(two.count).to.equal(1);
    expect(two.userElsewhere('erin').sessions).to.equal(0);
    expect(two.userElsewhere('frank').sessions).to.equal(3);
  });

  it('sends its whole list no more often than every 10 s: the beats in between name nobody', async () => {
    const users: PresenceEntry[] = Array.from({ length: 50 }, (_, n) => ({ nick: `user${n}`, sessions: 1 }));
    start(users);
    published.length = 0;
    await clock.advance(60_000);
    const lists = published.filter((event) => event.type === 'presence' && event.full);
    const named = published.flatMap((event) => (event.type === 'presence' ? event.users : []));
    expect(lists.length, 'whole lists in a minute').to.be.at.most(6);
    expect(named.length, 'users named in a minute').to.be.at.most(6 * users.length);
  });

  it('asks a server it took for dead for its users as soon as it hears from it again', async () => {
    const users: PresenceEntry[] = [{ nick: 'gus', sessions: 1 }];
    const one = start();
    const slow = start(users);
    // Cut off long enough to be taken for dead (a stalled process, a network cut).
    setLink(slow, false);
    await clock.advance(DEAD_SERVER_BOUND_MS);
    expect(one.userElsewhere('gus').sessions).to.equal(0);
    // Back: the next thing it says, whatever it is, brings its users back, not its next whole list.
    setLink(slow, true);
    slow.changed('someone-else', 0);
    expect(one.userElsewhere('gus').sessions).to.equal(1);
  });

  it('shows the away message of a user on another server, from its heartbeat or at once when it changes', () => {
    const one = start([{ nick: 'hugo', sessions: 1, away: 'lunch' }]);
    const two = start();
    expect(two.userElsewhere('hugo')).to.deep.equal({ sessions: 1, away: 'lunch' });
    two.noteAway('hugo', null);
    expect(two.userElsewhere('hugo').away).to.equal(null);
    expect(one.userElsewhere('hugo').away).to.equal(null);
  });

  it('publishes nothing when it is the only server', async () => {
    const alone = server(bus, clock, [{ nick: 'gina', sessions: 1 }], 0);
    alone.start();
    alone.changed('gina', 2);
    await clock.advance(60_000);
    alone.stop();
    expect(published).to.deep.equal([]);
  });
});
