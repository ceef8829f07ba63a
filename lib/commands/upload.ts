import { FileVault } from '../chat/files/file-vault.js';
import { ChatError } from '../chat/errors.js';
import { UPLOAD_USAGE, parseUploadArgs, type UploadRequest } from './upload-args.js';
import type { SendAttempt } from '../chat/moderation/send-gate.js';
import type { MessageRecord } from '../store/records.js';
import { formatSize } from '../util/units.js';
import type { CommandContext, CommandSpec } from './command.js';
import { visibleRoom } from './room-arg.js';

/** A room, or a user privately. */
type Destination = Pick<SendAttempt, 'route' | 'target'>;

export const upload: CommandSpec = {
  name: 'upload',
  params: ['?args...'],
  usage: '/upload [#room|@nick] <name> <size>',
  summary: 'send a file to a room (default: the current one) or a user: this line, then exactly <size> raw bytes',
  details: [
    "Example:  { printf '/upload #dev notes.pdf 48213\\n'; cat notes.pdf; } | nc ...   (after logging in)",
    'Send the bytes right after the line, without waiting. Everyone who can read the room (or the',
    'user you send it to) sees a line with the file id, and gets the file with /download <id>.',
    'A size over the limit is refused and the connection is closed. The chat-line client does',
    'all this for you: /upload <path> [#room|@nick]. Telnet clients cannot send files.',
  ],
  async run(ctx, args) {
    const announced = ctx.announcedUpload();
    const max = ctx.config.maxFileBytes;
    if (announced === 'too-large') {
      throw new ChatError('FILE_TOO_LARGE', `Files may be at most ${formatSize(max)} (${max} bytes); nothing was stored. The connection is closed since the bytes are on their way.`);
    }
    if (announced === undefined) throw new ChatError('INVALID_ARGUMENT', `Give the name and then the size in bytes. Usage: ${UPLOAD_USAGE}`);
    const request = parseUploadArgs(args.args ?? '');
    if (typeof request === 'string') throw new ChatError('INVALID_ARGUMENT', request);
    // Everything that can refuse the file is checked before a byte of it is stored.
    const destination = await destinationOf(ctx, request.target);
    // A banned user's file is refused now; the send below asks every gate (the #general
    // rate limit counts there, once) and a refusal then removes the stored file.
    ctx.rules.reports.check({ ...destination, from: ctx.nick, at: ctx.hub.clock.now() });
    const vault = new FileVault(ctx.config.dataDir);
    const tempPath = await vault.tempPath();
    await announced.accept(tempPath);
    const id = vault.newId();
    await vault.keep(tempPath, id);
    let message: MessageRecord;
    try {
      message = await announce(ctx, destination, `sent file ${id}: ${request.name} (${formatSize(request.size)}); /download ${id}`);
    } catch (error) {
      await vault.remove(id);
      throw error;
    }
    await ctx.hub.store.addFile({ id, messageId: message.id, name: request.name, size: request.size, from: ctx.nick, createdAt: message.createdAt });
    ctx.hub.logger.info('file.upload', { id, from: ctx.nick, route: destination.route, target: destination.target, size: request.size });
  },
};

async function destinationOf(ctx: CommandContext, target: UploadRequest['target']): Promise<Destination> {
  if (target?.kind === 'user') {
    const user = await ctx.hub.store.getUser(target.nick);
    if (!user) throw new ChatError('NO_SUCH_USER', `There is no user "${target.nick}". /who lists the people in a room.`);
    if (user.nick.toLowerCase() === ctx.nick.toLowerCase()) throw new ChatError('SELF_MESSAGE', 'That is you. Pick someone else to send the file to.');
    return { route: 'private', target: user.nick };
  }
  const room = visibleRoom(ctx, target?.name ?? ctx.currentRoom);
  if (!ctx.hub.isMember(room, ctx.nick)) throw new ChatError('NOT_A_MEMBER', `You are not in #${room}. Join it with /chats ${room}.`);
  return { route: 'room', target: room };
}

/** Through the hub's usual send path, so every rule about who may send applies to files too. */
async function announce(ctx: CommandContext, destination: Destination, text: string): Promise<MessageRecord> {
  const queued = destination.route === 'room' ? await ctx.hub.postToRoom(ctx.nick, destination.target, text) : await ctx.hub.sendPrivate(ctx.nick, destination.target, text);
  return queued.stored;
}
