import { approve } from './approve.js';
import type { CommandSpec } from './command.js';
import { announce } from './announce.js';
import { away } from './away.js';
import { back } from './back.js';
import { ban } from './ban.js';
import { cancel } from './cancel.js';
import { chats } from './chats.js';
import { color } from './color.js';
import { comment } from './comment.js';
import { deleteMessage } from './delete.js';
import { deny } from './deny.js';
import { download } from './download.js';
import { edit } from './edit.js';
import { getChats } from './get-chats.js';
import { help } from './help.js';
import { history } from './history.js';
import { ignore } from './ignore.js';
import { invite } from './invite.js';
import { join } from './join.js';
import { key } from './key.js';
import { kick } from './kick.js';
import { leave } from './leave.js';
import { limits } from './limits.js';
import { link } from './link.js';
import { login } from './login.js';
import { me } from './me.js';
import { motd } from './motd.js';
import { mute } from './mute.js';
import { password } from './password.js';
import { quit } from './quit.js';
import { reports } from './reports.js';
import { requests } from './requests.js';
import { say } from './say.js';
import { schedule } from './schedule.js';
import { search } from './search.js';
import { scheduled } from './scheduled.js';
import { send } from './send.js';
import { status } from './status.js';
import { thread } from './thread.js';
import { topic } from './topic.js';
import { unignore } from './unignore.js';
import { unlink } from './unlink.js';
import { unban } from './unban.js';
import { unmute } from './unmute.js';
import { upload } from './upload.js';
import { online, who } from './who.js';
import { whois } from './whois.js';

/** The dispatch table: every command, one file each. Aliases map to the same spec. */
export const COMMANDS: readonly CommandSpec[] = [
  announce,
  approve,
  away,
  back,
  ban,
  cancel,
  chats,
  color,
  comment,
  deleteMessage,
  deny,
  download,
  edit,
  getChats,
  help,
  history,
  ignore,
  invite,
  join,
  key,
  kick,
  leave,
  limits,
  link,
  login,
  me,
  motd,
  mute,
  online,
  password,
  quit,
  reports,
  requests,
  say,
  schedule,
  scheduled,
  search,
  send,
  status,
  thread,
  topic,
  unignore,
  unlink,
  unban,
  unmute,
  upload,
  who,
  whois,
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
