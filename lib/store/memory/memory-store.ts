import type { ChatStore } from '../chat-store.js';
import { memoryFiles } from './memory-files.js';
import { memoryKeys } from './memory-keys.js';
import { memoryMessages } from './memory-messages.js';
import { memoryModeration } from './memory-moderation.js';
import { memoryPrivateRooms } from './memory-private-rooms.js';
import { memoryProfiles } from './memory-profiles.js';
import { memoryRooms } from './memory-rooms.js';
import { memorySchedule } from './memory-schedule.js';
import { MemoryTables } from './memory-tables.js';
import { memoryUsers } from './memory-users.js';

/**
 * ChatStore in plain maps, for tests and throwaway servers; held to the same contract suite
 * as SqliteStore. The maps are in memory-tables.ts, each area's methods in its own file.
 */
export class MemoryStore
  extends memoryUsers(memoryRooms(memoryMessages(memoryModeration(memorySchedule(memoryPrivateRooms(memoryFiles(memoryProfiles(memoryKeys(MemoryTables)))))))))
  implements ChatStore {}
