import type { ChatStore } from '../../store/chat-store.js';
import type { FileVault } from './file-vault.js';

/**
 * A file lives as long as the message that announced it: given the ids of expired
 * messages, forgets their files and removes the bytes (for MessageExpiry.onExpired).
 */
export function removeFilesOfExpired(store: ChatStore, vault: FileVault): (messageIds: readonly number[]) => Promise<void> {
  return async (messageIds) => {
    for (const id of await store.removeFilesOf(messageIds)) await vault.remove(id);
  };
}
