import fc from 'fast-check';
import type { ChatCore } from '../../lib/chat/chat-core.js';
import { ChatError } from '../../lib/chat/errors.js';

/**
 * A random life of a small chat, and a model of who may read what, for the property that
 * search finds exactly what its user may read (spec/chat/search-visibility.spec.ts).
 */

export const USERS = ['ann', 'bo', 'cy', 'di'] as const;
const PUBLIC_ROOMS = ['plaza', 'market'] as const;
const PRIVATE_ROOMS = ['vault', 'den'] as const;
/** Words no notice of the server has, so that what is found is what users wrote. */
export const WORDS = ['apple', 'berry', 'cherry', 'damson'] as const;

const user = fc.constantFrom(...USERS);
const words = fc.subarray([...WORDS], { minLength: 1 }).map((chosen) => chosen.join(' '));
const pick = fc.nat({ max: 40 });

export type Step =
  | { kind: 'join'; user: string; room: string }
  | { kind: 'leave'; user: string; room: string }
  | { kind: 'create'; user: string; room: string }
  | { kind: 'invite'; user: string; room: string; other: string }
  | { kind: 'kick'; user: string; room: string; other: string }
  | { kind: 'post'; user: string; room: string; text: string }
  | { kind: 'send'; user: string; other: string; text: string }
  | { kind: 'edit'; user: string; pick: number; text: string }
  | { kind: 'delete'; user: string; pick: number };

const anyRoom = fc.constantFrom('general', ...PUBLIC_ROOMS, ...PRIVATE_ROOMS);

export const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('join' as const), user, room: fc.constantFrom(...PUBLIC_ROOMS) }),
  fc.record({ kind: fc.constant('leave' as const), user, room: anyRoom }),
  fc.record({ kind: fc.constant('create' as const), user, room: fc.constantFrom(...PRIVATE_ROOMS) }),
  fc.record({ kind: fc.constant('invite' as const), user, room: fc.constantFrom(...PRIVATE_ROOMS), other: user }),
  fc.record({ kind: fc.constant('kick' as const), user, room: fc.constantFrom(...PRIVATE_ROOMS), other: user }),
  { arbitrary: fc.record({ kind: fc.constant('post' as const), user, room: anyRoom, text: words }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('send' as const), user, other: user, text: words }), weight: 2 },
  fc.record({ kind: fc.constant('edit' as const), user, pick, text: words }),
  fc.record({ kind: fc.constant('delete' as const), user, pick }),
);

/** A search a user makes: everywhere, in one room, or in one conversation. */
export interface Query {
  user: string;
  text: string;
  in: { room: string } | { with: string } | undefined;
}

export const query: fc.Arbitrary<Query> = fc.record({
  user,
  text: words,
  in: fc.option(fc.oneof(anyRoom.map((room) => ({ room })), user.map((other) => ({ with: other }))), { nil: undefined }),
});

interface Written {
  id: number;
  room: string | null;
  from: string;
  to: string | null;
  text: string;
}

/** What the chat should hold: rooms with their owners and members, and the messages not deleted. */
export class VisibilityModel {
  private readonly members = new Map<string, Set<string>>([['general', new Set(USERS)]]);
  private readonly owners = new Map<string, string>();
  private readonly messages: Written[] = [];

  /** Runs one step on the chat and follows it in the model when the chat accepts it (a refusal changes nothing). */
  async apply(chat: ChatCore, step: Step): Promise<void> {
    try {
      await this.run(chat, step);
    } catch (error) {
      if (!(error instanceof ChatError)) throw error;
    }
  }

  private async run(chat: ChatCore, s: Step): Promise<void> {
    switch (s.kind) {
      case 'join':
        await chat.rooms.join(s.user, s.room);
        this.room(s.room).add(s.user);
        return;
      case 'leave':
        await chat.rooms.leave(s.user, s.room);
        this.room(s.room).delete(s.user);
        return;
      case 'create':
        await chat.privateRooms.create(s.user, s.room);
        this.owners.set(s.room, s.user);
        this.room(s.room).add(s.user);
        return;
      case 'invite':
        // Only the owner may (the command checks it: lib/commands/owned-room.ts).
        if (this.owners.get(s.room) !== s.user) return;
        await chat.privateRooms.invite(s.user, s.room, s.other);
        if (await chat.privateRooms.admit(s.other, s.room)) await chat.rooms.join(s.other, s.room);
        this.room(s.room).add(s.other);
        return;
      case 'kick':
        if (this.owners.get(s.room) !== s.user) return;
        await chat.privateRooms.kick(s.user, s.room, s.other);
        this.room(s.room).delete(s.other);
        return;
      case 'post': {
        const stored = await (await chat.messages.post(s.user, s.room, s.text)).stored;
        this.messages.push({ id: stored.id, room: s.room, from: s.user, to: null, text: s.text });
        return;
      }
      case 'send': {
        const stored = await (await chat.messages.sendPrivate(s.user, s.other, s.text)).stored;
        this.messages.push({ id: stored.id, room: null, from: s.user, to: s.other, text: s.text });
        return;
      }
      case 'edit': {
        const target = this.messages[s.pick % Math.max(1, this.messages.length)];
        if (!target) return;
        await chat.messages.edit(s.user, target.id, s.text);
        target.text = s.text;
        return;
      }
      case 'delete': {
        const index = s.pick % Math.max(1, this.messages.length);
        const target = this.messages[index];
        if (!target) return;
        await chat.messages.delete(s.user, target.id);
        this.messages.splice(index, 1);
        return;
      }
    }
  }

  /** Whether the user may be told about room `room` (for a search in it): they are in it. */
  isMember(room: string, nick: string): boolean {
    return this.members.get(room)?.has(nick) ?? false;
  }

  /** The ids a search should find, newest first: messages the user may read, in the place searched, with every word. */
  expected(q: Query): number[] {
    const wanted = q.text.split(' ');
    return this.messages
      .filter((m) => this.mayRead(q.user, m) && inPlace(m, q) && wanted.every((word) => m.text.split(' ').includes(word)))
      .map((m) => m.id)
      .sort((a, b) => b - a);
  }

  /** Whether `nick` may read message `id` now (it exists, and they are in its room or conversation). */
  mayReadId(nick: string, id: number): boolean {
    const message = this.messages.find((m) => m.id === id);
    return message !== undefined && this.mayRead(nick, message);
  }

  private mayRead(nick: string, m: Written): boolean {
    return m.room === null ? m.from === nick || m.to === nick : this.isMember(m.room, nick);
  }

  private room(name: string): Set<string> {
    let members = this.members.get(name);
    if (!members) this.members.set(name, (members = new Set()));
    return members;
  }
}

function inPlace(m: Written, q: Query): boolean {
  if (q.in === undefined) return true;
  if ('room' in q.in) return m.room === q.in.room;
  const other = q.in.with;
  return m.room === null && ((m.from === q.user && m.to === other) || (m.from === other && m.to === q.user));
}
