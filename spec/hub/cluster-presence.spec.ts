import { expect } from 'chai';
import { ClusterPresence, MISSED_HEARTBEATS } from '../../lib/hub/cluster-presence.js';
import { LocalBus, type HubEvent, type PresenceEntry } from '../../lib/hub/events.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';

const HEARTBEAT_MS = 10_000;

/** One server's presence on a bus shared with others (LocalBus hands every event to everyone). */
function server(bus: LocalBus, clock: FakeClock, users: PresenceEntry[] = [], heartbeatMs = HEARTBEAT_MS): ClusterPresence {
  const presence = new ClusterPresence({ bus, clock, heartbeatMs, local: () => users });
  bus.subscribe((event) => {
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
    expect(two.otherServers).to.equal(1);
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
    expect(two.otherServers).to.equal(0);
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

  it('keeps a live server that goes on sending heartbeats, and replaces its list with each', async () => {
    const users: PresenceEntry[] = [{ nick: 'erin', sessions: 1 }];
    start(users);
    const two = start();
    users.splice(0, 1, { nick: 'frank', sessions: 3 });
    await clock.advance(10 * HEARTBEAT_MS);
    expect(two.userElsewhere('erin').sessions).to.equal(0);
    expect(two.userElsewhere('frank').sessions).to.equal(3);
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
