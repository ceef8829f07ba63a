import type { FileDestination } from '../chat/files/file-service.js';
import { formatSize } from '../util/units.js';
import type { CommandContext, CommandSpec } from './command.js';
import { visibleRoom } from './room-arg.js';
import { UPLOAD_USAGE, parseUploadArgs, type UploadRequest } from './upload-args.js';
import { refuse } from '../chat/refusals.js';

export const upload: CommandSpec = {
  name: 'upload',
  params: ['?args...'],
  usage: '/upload [#room|@nick] <name> <size>',
  summary: 'send a file to a room (default: the current one) or a user: this line, then exactly <size> raw bytes',
  details: [
    "Example:  { printf '/upload #dev notes.pdf 48213\\n'; cat notes.pdf; } | nc ...   (after logging in)",
    'Send the bytes right after the line, without waiting. Everyone who can read the room (or the',
    'user you send it to) sees a line with the file id, and gets the file with /download <id>.',
    'A size over the limit (/limits) is refused and its bytes skipped. The chat-line client does',
    'all this for you: /upload <path> [#room|@nick]. Telnet clients cannot send files.',
  ],
  async run(ctx, args) {
    const announced = ctx.announcedUpload();
    const max = ctx.config.maxFileBytes;
    if (announced === 'too-large') {
      throw refuse.fileTooLarge(formatSize(max), max);
    }
    if (announced === undefined) throw refuse.invalidArgument(`Give the name and then the size in bytes. Usage: ${UPLOAD_USAGE}`);
    const request = parseUploadArgs(args.args ?? '');
    if (typeof request === 'string') throw refuse.invalidArgument(request);
    // Everything that can refuse the file is checked before a byte of it is stored.
    const destination = await destinationOf(ctx, request.target);
    await ctx.chat.files.receive(ctx.nick, destination, request.name, request.size, announced);
  },
};

async function destinationOf(ctx: CommandContext, target: UploadRequest['target']): Promise<FileDestination> {
  if (target?.kind === 'user') {
    const user = await ctx.chat.user(target.nick);
    if (!user) throw refuse.noSuchUser(target.nick);
    if (user.nick.toLowerCase() === ctx.nick.toLowerCase()) throw refuse.selfMessage('send the file to');
    return { route: 'private', target: user.nick };
  }
  const room = visibleRoom(ctx, target?.name ?? ctx.currentRoom);
  ctx.chat.rooms.requireMember(room, ctx.nick);
  return { route: 'room', target: room };
}
