import { expect } from 'chai';
import { LocalBus } from '../../../lib/chat/hub/events.js';
import type { SendAttempt } from '../../../lib/chat/moderation/send-gate.js';
import { ChatError } from '../../../lib/chat/errors.js';
import { MuteGate } from '../../../lib/chat/moderation/mute-gate.js';
import { MemoryStore } from '../../../lib/store/memory/memory-store.js';
import { systemClock, type Clock } from '../../../lib/util/clock.js';
import { silentLogger } from '../../../lib/util/logger.js';

const MINUTE = 60_000;

describe('muting users', function () {
  let now: number;
  let store: MemoryStore;
  let bus: LocalBus;
  const clock: Clock = { ...systemClock, now: () => now };
  const gate = (): MuteGate => new MuteGate({ store, clock, logger: silentLogger, bus, isOperator: (nick) => nick === 'op' });
  /** A gate as a server starts it: loaded, so it follows the bus from then on. */
  const started = async (): Promise<MuteGate> => {
    const mutes = gate();
    await mutes.load();
    return mutes;
  };
  const attempt = (from: string, fields: Partial<SendAttempt> = {}): SendAttempt => ({ from, route: 'room', target: 'general', at: now, ...fields });
  const refusal = (mutes: MuteGate, send: SendAttempt): ChatError | undefined => {
    try {
      mutes.check(send);
      return undefined;
    } catch (error) {
      return error as ChatError;
    }
  };

  beforeEach(function () {
    now = new Date(2026, 10, 23, 14, 0).getTime();
    store = new MemoryStore();
    bus = new LocalBus();
  });

  it('refuses every send of a muted user, saying by whom and until when, and nobody else', async function () {
    const mutes = await started();
    await mutes.mute('bob', 30 * MINUTE, 'op');
    const error = refusal(mutes, attempt('BOB'));
    expect(error?.code).to.equal('MUTED');
    expect(error?.message).to.match(/muted by op until 14:30 \(in 30 minutes\)/);
    expect(refusal(mutes, attempt('bob', { route: 'private', target: 'carol' }))?.code).to.equal('MUTED');
    expect(refusal(mutes, attempt('carol'))).to.equal(undefined);
  });

  it('lets a muted user write privately to an operator', async function () {
    const mutes = await started();
    await mutes.mute('bob', MINUTE, 'op');
    expect(refusal(mutes, attempt('bob', { route: 'private', target: 'op' }))).to.equal(undefined);
  });

  it('lets the user send again once the mute has run out, with no timer involved', async function () {
    const mutes = await started();
    await mutes.mute('bob', 10 * MINUTE, 'op');
    now += 10 * MINUTE - 1;
    expect(refusal(mutes, attempt('bob'))?.code).to.equal('MUTED');
    now += 1;
    expect(refusal(mutes, attempt('bob'))).to.equal(undefined);
    expect(mutes.muteOf('bob')).to.equal(undefined);
  });

  it('lifts a mute on unmute, and says whether there was one', async function () {
    const mutes = await started();
    await mutes.mute('bob', MINUTE, 'op');
    expect(await mutes.unmute('bob', 'op')).to.equal(true);
    expect(refusal(mutes, attempt('bob'))).to.equal(undefined);
    expect(await mutes.unmute('bob', 'op')).to.equal(false);
    expect(await store.listMutes()).to.deep.equal([]);
  });

  it('keeps mutes in storage, so a new gate (a restart) still enforces them, and forgets the expired ones', async function () {
    await gate().mute('bob', 60 * MINUTE, 'op');
    await gate().mute('carol', 5 * MINUTE, 'op');
    now += 10 * MINUTE;
    const restarted = gate();
    await restarted.load();
    expect(refusal(restarted, attempt('bob'))?.code).to.equal('MUTED');
    expect(refusal(restarted, attempt('carol'))).to.equal(undefined);
    expect((await store.listMutes()).map((m) => m.nick)).to.deep.equal(['bob']);
  });

  it('follows mutes announced on the bus by another server', async function () {
    const mutes = await started();
    bus.publish({ type: 'mute-changed', nick: 'dave', mute: { nick: 'dave', until: now + MINUTE, by: 'op', createdAt: now } });
    expect(refusal(mutes, attempt('dave'))?.code).to.equal('MUTED');
    bus.publish({ type: 'mute-changed', nick: 'dave', mute: null });
    expect(refusal(mutes, attempt('dave'))).to.equal(undefined);
  });

  it('applies a mute another server announces while it is loading, once loaded', async function () {
    const mutes = gate();
    const loading = mutes.load();
    bus.publish({ type: 'mute-changed', nick: 'erin', mute: { nick: 'erin', until: now + MINUTE, by: 'op', createdAt: now } });
    await loading;
    expect(refusal(mutes, attempt('erin'))?.code).to.equal('MUTED');
  });
});
