import { expect } from 'chai';
import { DEFAULT_CONFIG } from '../../../lib/config.js';
import { catchUp } from '../../../lib/chat/catch-up.js';
import type { ChatCore } from '../../../lib/chat/chat-core.js';
import { LocalBus } from '../../../lib/chat/hub/events.js';
import { catchUpLines } from '../../../lib/protocol/line/catch-up.js';
import { MemoryStore } from '../../../lib/store/memory/memory-store.js';
import type { MessageRecord, UserRecord } from '../../../lib/store/records.js';
import { fakeClock, type FakeClock } from '../../helpers/fake-clock.js';
import { CollectingSession as Collector } from '../../helpers/collecting-session.js';
import { RecordingLogger } from '../../helpers/recording-logger.js';
import { seedRoom, testChat } from '../../helpers/test-chat.js';
import { roomMsg } from '../../helpers/records.js';

const GAP_REPAIR_MS = 1000;

/**
 * One server's hub, with "another server" that stores messages in the same store and
 * publishes them on the bus when the test says, in any order (as a cluster can).
 */
describe('messages that reach a server out of order', () => {
  let clock: FakeClock;
  let store: MemoryStore;
  let bus: LocalBus;
  let logger: RecordingLogger;
  let chat: ChatCore;

  beforeEach(async () => {
    clock = fakeClock();
    store = new MemoryStore();
    bus = new LocalBus();
    logger = new RecordingLogger();
    await seedRoom(store, 'general', ['alice', 'bob']);
    chat = testChat({ store, clock, logger, bus, gapRepairMs: GAP_REPAIR_MS });
    await chat.start();
  });
  afterEach(async () => {
    await chat.close();
    expect(clock.pending()).to.equal(0);
  });

  /** Bob on another server: stored now, published when the test says. */
  async function storedElsewhere(...texts: string[]): Promise<MessageRecord[]> {
    return store.appendMessages(texts.map((text) => roomMsg('general', 'bob', text, { createdAt: clock.now() })));
  }

  function published(message: MessageRecord): void {
    bus.publish({ type: 'message', message });
  }

  async function login(id: number): Promise<{ session: Collector; catchUp: string[] }> {
    const session = new Collector(id);
    const record = (await store.getUser('alice')) as UserRecord;
    const { user, cutoff } = await chat.attach(session, record);
    const missed = await catchUp(chat, user, user.readCursor, cutoff, { history: DEFAULT_CONFIG.historySize, unread: DEFAULT_CONFIG.catchUpLimit, banThreshold: 3 });
    if (cutoff.newest > user.readCursor) user.readCursor = cutoff.newest;
    return { session, catchUp: catchUpLines(missed, chat.ids.messages, clock.now(), { ...user, colour: false }) };
  }

  const texts = (lines: readonly string[]): string[] => lines.flatMap((line) => /<bob> (.*)$/.exec(line)?.[1] ?? []);

  it('shows a user who logs in between a message and an older one still on its way each of them once', async () => {
    const [first, second] = await storedElsewhere('first', 'second');
    published(second!);
    const { session, catchUp } = await login(1);
    expect(texts(catchUp)).to.deep.equal(['second']);
    published(first!);
    published(second!);
    expect(texts(session.lines)).to.deep.equal(['first']);
  });

  it('does not store a read cursor past a message that has not arrived, so it is not lost to the next session', async () => {
    const { session } = await login(1);
    const [first, second] = await storedElsewhere('first', 'second');
    published(second!);
    expect(texts(session.lines)).to.deep.equal(['second']);
    await chat.detach(session, chat.hub.onlineUser('alice')!);
    expect((await store.getUser('alice'))?.readCursor).to.equal(0);
    const again = await login(2);
    expect(texts(again.catchUp)).to.deep.equal(['second']);
    published(first!);
    expect(texts(again.session.lines)).to.deep.equal(['first']);
    await clock.advance(2000);
    expect((await store.getUser('alice'))?.readCursor).to.equal(second!.id);
  });

  it('reads a message whose event never comes from the store and delivers it', async () => {
    const { session } = await login(1);
    const [lost, later] = await storedElsewhere('lost', 'later');
    published(later!);
    await clock.advance(GAP_REPAIR_MS);
    expect(texts(session.lines)).to.deep.equal(['later']);
    await clock.advance(GAP_REPAIR_MS);
    expect(texts(session.lines)).to.deep.equal(['later', 'lost']);
    expect(logger.events('bus.gap_repaired')).to.have.lengthOf(1);
    // Should its event come after all, it is not shown twice.
    published(lost!);
    expect(texts(session.lines)).to.deep.equal(['later', 'lost']);
  });
});
