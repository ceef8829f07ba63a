import { refuse } from '../chat/refusals.js';
import type { CommandSpec } from './command.js';
import { formatDate } from '../util/date-text.js';

const USAGE = '/key add <public key> | /key list | /key remove <fingerprint>';

export const key: CommandSpec = {
  name: 'key',
  aliases: ['keys'],
  params: ['?action', '?argument...'],
  usage: USAGE,
  summary: 'the SSH public keys you log in with over SSH, instead of the password',
  details: [
    'Example:  /key add ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... alice@laptop   (the line of ~/.ssh/id_ed25519.pub)',
    'Example:  /key list                 your keys with their fingerprints',
    'Example:  /key remove SHA256:3vQk...  (a fingerprint from /key list)',
    'Then: ssh -p <ssh port> <your nick>@<host> logs in with the key. A key is on one account only.',
  ],
  async run(ctx, args) {
    const { keys } = ctx.accounts;
    const action = args.action?.toLowerCase() ?? 'list';
    const argument = args.argument;
    if (action === 'list' && argument === undefined) {
      const list = await keys.list(ctx.nick);
      if (list.length === 0) {
        ctx.info('you have no SSH keys. /key add <public key> to log in with one over SSH.');
        return;
      }
      ctx.info(`your SSH keys (${list.length}):`, ...list.map((k) => `${k.fingerprint} ${k.type}${k.comment ? ` ${k.comment}` : ''}, added ${formatDate(k.addedAt, 'yyyy-MM-dd')}`));
      return;
    }
    if (action === 'add' && argument !== undefined) {
      const added = await keys.add(ctx.nick, argument);
      ctx.info(`key ${added.fingerprint} (${added.type}) added: ssh with it as ${ctx.nick} from now on. /key remove ${added.fingerprint} to undo.`);
      return;
    }
    if (action === 'remove' && argument !== undefined && !/\s/.test(argument)) {
      await keys.remove(ctx.nick, argument);
      ctx.info(`key ${argument} removed: it no longer logs in to ${ctx.nick}`);
      return;
    }
    throw refuse.invalidArgument(`Usage: ${USAGE}`);
  },
};
