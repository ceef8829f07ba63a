import { FileVault } from '../chat/files/file-vault.js';
import { ChatError } from '../chat/errors.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';

export const download: CommandSpec = {
  name: 'download',
  params: ['id'],
  usage: '/download <id>',
  summary: 'get a file sent to you or to one of your rooms',
  details: [
    'Example:  /download k3x9q2a1',
    'The answer is a line "-- file <id> <name> <size>", then exactly <size> raw bytes, then a line end.',
    'The chat-line client saves it under ./downloads; with nc, redirect the output to a file.',
  ],
  async run(ctx, args) {
    const id = required(args, 'id').toLowerCase();
    const vault = new FileVault(ctx.config.dataDir);
    const file = vault.isId(id) ? await ctx.hub.store.getFile(id) : undefined;
    const message = file && (await ctx.hub.store.getMessage(file.messageId));
    // Files of rooms one is not in, of other people's conversations, or whose announcement
    // has expired, do not exist for them.
    if (!file || !message || !ctx.hub.canSee(ctx.nick, message) || ctx.hub.isExpired(message, ctx.hub.clock.now())) {
      throw new ChatError('NO_SUCH_FILE', `There is no file ${id} for you. The id is in the line that announced the file.`);
    }
    if (!(await vault.has(file.id))) {
      // Its record is shared, but its bytes are on another server's disk: a cluster whose servers do not share --data-dir.
      ctx.hub.logger.error('file.missing_on_disk', { id: file.id, path: vault.pathOf(file.id) });
      throw new ChatError('FILE_UNAVAILABLE', `File ${id} cannot be read on this server right now; nothing was sent. Try again later, or tell the operator.`);
    }
    await ctx.sendFile(file, vault.pathOf(file.id));
    ctx.hub.logger.info('file.download', { id: file.id, nick: ctx.nick, size: file.size });
  },
};
