import { approve } from './approve.js';
import type { CommandSpec } from './command.js';
import { chats } from './chats.js';
import { deny } from './deny.js';
import { download } from './download.js';
import { getChats } from './get-chats.js';
import { help } from './help.js';
import { history } from './history.js';
import { invite } from './invite.js';
import { join } from './join.js';
import { kick } from './kick.js';
import { leave } from './leave.js';
import { link } from './link.js';
import { login } from './login.js';
import { quit } from './quit.js';
import { requests } from './requests.js';
import { say } from './say.js';
import { send } from './send.js';
import { status } from './status.js';
import { unlink } from './unlink.js';
import { upload } from './upload.js';
import { who } from './who.js';

/** Private rooms: invitations, join links and requests, kicks. */
const PRIVATE_ROOM_COMMANDS: readonly CommandSpec[] = [invite, link, unlink, join, approve, deny, requests, kick];

/** Files: the wire form is in lib/protocol/upload-line.ts and wire.ts. */
const FILE_COMMANDS: readonly CommandSpec[] = [upload, download];

/** The dispatch table: every command, one file each. Aliases map to the same spec. */
export const COMMANDS: readonly CommandSpec[] = [chats, getChats, help, history, leave, login, quit, say, send, status, who, ...PRIVATE_ROOM_COMMANDS, ...FILE_COMMANDS];

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
