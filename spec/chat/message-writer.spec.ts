import { expect } from 'chai';
import sinon from 'sinon';
import { MessageWriter } from '../../lib/chat/message-writer.js';
import { MemoryStore } from '../../lib/store/memory/memory-store.js';
import type { MessageRecord, NewMessage } from '../../lib/store/records.js';
import { roomMsg } from '../helpers/records.js';

const message = (text: string): NewMessage => roomMsg('general', 'a', text, { createdAt: 0 });

describe('storing messages in batches', function () {
  it('stores everything appended in one turn with one call, and announces it before callers hear back', async function () {
    const store = new MemoryStore();
    const append = sinon.spy(store, 'appendMessages');
    const events: string[] = [];
    const writer = new MessageWriter(store, (records) => {
      events.push(`committed ${records.map((r) => r.text).join(',')}`);
    });
    const results = await Promise.all(['a', 'b', 'c'].map(async (text) => {
      const record = await writer.append(message(text));
      events.push(`resolved ${record.text}`);
      return record;
    }));
    expect(append.callCount).to.equal(1);
    expect(results.map((r) => r.id)).to.deep.equal([1, 2, 3]);
    expect(events).to.deep.equal(['committed a,b,c', 'resolved a', 'resolved b', 'resolved c']);
  });

  it('keeps order across batches when appends arrive while a batch is being stored', async function () {
    const store = new MemoryStore();
    const committed: MessageRecord[] = [];
    const writer = new MessageWriter(store, (records) => committed.push(...records));
    const first = writer.append(message('1'));
    await new Promise((resolve) => setImmediate(resolve));
    const second = writer.append(message('2'));
    await Promise.all([first, second]);
    await writer.drain();
    expect(committed.map((r) => r.text)).to.deep.equal(['1', '2']);
  });

  it('fails every caller of a batch that could not be stored, and announces nothing', async function () {
    const store = new MemoryStore();
    sinon.stub(store, 'appendMessages').rejects(new Error('disk full'));
    const announced = sinon.spy();
    const writer = new MessageWriter(store, announced);
    const outcomes = await Promise.allSettled([writer.append(message('x')), writer.append(message('y'))]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected']);
    expect(announced.called).to.equal(false);
  });
});
