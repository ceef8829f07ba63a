import { ChatCore, type ChatCoreOptions } from '../../lib/chat/chat-core.js';
import { DEFAULT_CONFIG } from '../../lib/config.js';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { UserRecord } from '../../lib/store/records.js';
import type { Clock } from '../../lib/util/clock.js';
import { RecordingLogger } from './recording-logger.js';
import { member, room, user } from './records.js';
import { tempDir } from './test-server.js';

/** A chat core on a given store and clock, for specs of the core without sockets; the rest as the server's defaults. */
export function testChat(options: { store: ChatStore; clock: Clock } & Partial<Omit<ChatCoreOptions, 'store' | 'clock'>>): ChatCore {
  return new ChatCore({
    logger: new RecordingLogger(),
    ...options,
    settings: { ...DEFAULT_CONFIG, rateLimit: 0, dataDir: tempDir(), ...options.settings },
  });
}

/** Registers each of `nicks` as a member of the public room `roomName` (created if needed), from the start; returns their records. */
export async function seedRoom(store: ChatStore, roomName: string, nicks: readonly string[]): Promise<UserRecord[]> {
  await store.createRoom(room(roomName, { createdAt: 0 }));
  const users = nicks.map((nick) => user(nick, { createdAt: 0 }));
  for (const record of users) {
    await store.createUser(record);
    await store.addMember(member(roomName, record.nick, 0));
  }
  return users;
}
