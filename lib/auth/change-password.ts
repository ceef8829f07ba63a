import { ChatError } from '../chat/errors.js';
import type { ChatStore } from '../store/chat-store.js';
import { MAX_PASSWORD, MIN_PASSWORD } from './accounts.js';
import { hashPassword, verifyPassword, type ScryptParams } from './password.js';

/**
 * `/password <old> <new>`: the current password must match, as at login, so a terminal
 * left logged in does not hand the account over. Both hashes run off the main thread.
 */
export async function changePassword(
  store: ChatStore,
  scrypt: ScryptParams,
  nick: string,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  if (newPassword.length < MIN_PASSWORD || newPassword.length > MAX_PASSWORD) {
    throw new ChatError('INVALID_ARGUMENT', `A password is ${MIN_PASSWORD}-${MAX_PASSWORD} characters.`);
  }
  const user = await store.getUser(nick);
  if (!user || !(await verifyPassword(oldPassword, user.passwordHash))) {
    throw new ChatError('WRONG_PASSWORD', 'That is not your current password; nothing changed. Usage: /password <old> <new>');
  }
  await store.setPasswordHash(nick, await hashPassword(newPassword, scrypt));
}
