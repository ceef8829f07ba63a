import { joinLink } from '../chat/text/join-link.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { ownedRoom } from './owned-room.js';
import { formatDate } from '../util/date-text.js';

export const link: CommandSpec = {
  name: 'link',
  params: ['room'],
  usage: '/link <room>',
  summary: 'make a join link for your private room; whoever uses it asks you to let them in',
  details: [
    'Example:  /link secret    -> chat://127.0.0.1:8000/join/3q2Kx...',
    'Someone who is not invited types /join <link>; you answer with /approve or /deny.',
    'The link works until it expires (--link-ttl, 24h by default) or /unlink revokes it.',
  ],
  async run(ctx, args) {
    const room = ownedRoom(ctx, required(args, 'room'));
    const { token, expiresAt } = await ctx.chat.privateRooms.createLink(ctx.nick, room);
    ctx.info(
      `join link for #${room}, valid until ${formatDate(expiresAt, 'yyyy-MM-dd HH:mm')}:`,
      joinLink(ctx.serverAddress, token),
      `whoever uses it with /join asks you to let them in; /unlink ${room} revokes all links of #${room}`,
    );
  },
};
