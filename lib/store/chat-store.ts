import type { FileStore } from './file-store.js';
import type { KeyStore } from './key-store.js';
import type { MessageStore } from './message-store.js';
import type { ModerationStore } from './moderation-store.js';
import type { PrivateRoomStore } from './private-room-store.js';
import type { ProfileStore } from './profile-store.js';
import type { RoomStore } from './room-store.js';
import type { ScheduleStore } from './schedule-store.js';
import type { UserStore } from './user-store.js';

export type { UnreadPage } from './message-store.js';

/**
 * Everything the server keeps, one interface per area. Several implementations (memory for
 * tests, SQLite by default, Redis for a cluster; each in its own folder, one file per area),
 * all held to the same contract suite in spec/store/contract.ts. Nick lookups are
 * case-insensitive; room names arrive normalised.
 */
export interface ChatStore
  extends UserStore,
    RoomStore,
    MessageStore,
    ModerationStore,
    ScheduleStore,
    PrivateRoomStore,
    FileStore,
    ProfileStore,
    KeyStore {
  readonly kind: string;
  close(): Promise<void>;
}
