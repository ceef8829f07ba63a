import type { CommandSpec } from './command.js';
import { announce } from './announce.js';
import { away } from './away.js';
import { back } from './back.js';
import { chats } from './chats.js';
import { color } from './color.js';
import { getChats } from './get-chats.js';
import { help } from './help.js';
import { history } from './history.js';
import { ignore } from './ignore.js';
import { kick } from './kick.js';
import { leave } from './leave.js';
import { login } from './login.js';
import { me } from './me.js';
import { motd } from './motd.js';
import { mute } from './mute.js';
import { password } from './password.js';
import { quit } from './quit.js';
import { say } from './say.js';
import { send } from './send.js';
import { status } from './status.js';
import { unignore } from './unignore.js';
import { unmute } from './unmute.js';
import { who } from './who.js';
import { whois } from './whois.js';

/** The dispatch table: every command, one file each. Aliases map to the same spec. */
export const COMMANDS: readonly CommandSpec[] = [chats, getChats, help, history, leave, login, quit, say, send, status, who];

/** Presence, ignore, account and operator commands (issue 7), kept apart so the list above merges cleanly. */
export const IRC_COMMANDS: readonly CommandSpec[] = [announce, away, back, color, ignore, kick, me, motd, mute, password, unignore, unmute, whois];

export function buildCommandTable(specs: readonly CommandSpec[] = [...COMMANDS, ...IRC_COMMANDS]): ReadonlyMap<string, CommandSpec> {
  const table = new Map<string, CommandSpec>();
  for (const spec of specs) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      if (table.has(name)) throw new Error(`command /${name} is defined twice`);
      table.set(name, spec);
    }
  }
  return table;
}
