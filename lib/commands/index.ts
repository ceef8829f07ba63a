import type { CommandSpec } from './command.js';
import { chats } from './chats.js';
import { getChats } from './get-chats.js';
import { help } from './help.js';
import { history } from './history.js';
import { leave } from './leave.js';
import { login } from './login.js';
import { quit } from './quit.js';
import { say } from './say.js';
import { send } from './send.js';
import { status } from './status.js';
import { who } from './who.js';

/** The dispatch table: every command, one file each. Aliases map to the same spec. */
export const COMMANDS: readonly CommandSpec[] = [chats, getChats, help, history, leave, login, quit, say, send, status, who];

export function buildCommandTable(specs: readonly CommandSpec[] = COMMANDS): ReadonlyMap<string, CommandSpec> {
  const table = new Map<string, CommandSpec>();
  for (const spec of specs) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      if (table.has(name)) throw new Error(`command /${name} is defined twice`);
      table.set(name, spec);
    }
  }
  return table;
}
