import type { CommandSpec } from './command.js';
import { ban } from './ban.js';
import { cancel } from './cancel.js';
import { chats } from './chats.js';
import { comment } from './comment.js';
import { getChats } from './get-chats.js';
import { help } from './help.js';
import { history } from './history.js';
import { leave } from './leave.js';
import { login } from './login.js';
import { quit } from './quit.js';
import { say } from './say.js';
import { schedule } from './schedule.js';
import { scheduled } from './scheduled.js';
import { send } from './send.js';
import { status } from './status.js';
import { thread } from './thread.js';
import { who } from './who.js';

/** The dispatch table: every command, one file each. Aliases map to the same spec. */
export const COMMANDS: readonly CommandSpec[] = [
  ban,
  cancel,
  chats,
  comment,
  getChats,
  help,
  history,
  leave,
  login,
  quit,
  say,
  schedule,
  scheduled,
  send,
  status,
  thread,
  who,
];

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
