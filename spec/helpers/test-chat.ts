import { ChatCore, type ChatCoreOptions } from '../../lib/chat/chat-core.js';
import { DEFAULT_CONFIG } from '../../lib/config.js';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { Clock } from '../../lib/util/clock.js';
import { RecordingLogger } from './recording-logger.js';
import { tempDir } from './test-server.js';

/** A chat core on a given store and clock, for specs of the core without sockets; the rest as the server's defaults. */
export function testChat(options: { store: ChatStore; clock: Clock } & Partial<Omit<ChatCoreOptions, 'store' | 'clock'>>): ChatCore {
  return new ChatCore({
    logger: new RecordingLogger(),
    ...options,
    settings: { ...DEFAULT_CONFIG, rateLimit: 0, dataDir: tempDir(), ...options.settings },
  });
}
