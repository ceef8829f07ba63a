import type { ChatStore } from '../store/chat-store.js';
import { checkPasswordLength, hashPassword, verifyPassword, type ScryptParams } from './password.js';
import { refuse } from '../chat/refusals.js';

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
  checkPasswordLength(newPassword);
  const user = await store.getUser(nick);
  if (!user || !(await verifyPassword(oldPassword, user.passwordHash))) {
    throw refuse.wrongOldPassword();
  }
  await store.setPasswordHash(nick, await hashPassword(newPassword, scrypt));
}
