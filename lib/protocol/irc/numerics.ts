import type { IrcMessage } from './irc-message.js';

/**
 * The numeric replies the IRC front end sends, by the names Modern IRC and the IRCv3
 * specifications give them. The first parameter of every numeric is the client's nick
 * (`*` before it has one); the layout of the others is in the comment after each.
 */
export const NUMERICS = {
  // Registration (the welcome burst).
  RPL_WELCOME: '001', // :Welcome to the <network> Network, <nick>
  RPL_YOURHOST: '002', // :Your host is <servername>, running version <version>
  RPL_CREATED: '003', // :This server was created <datetime>
  RPL_MYINFO: '004', // <servername> <version> <user modes> <channel modes> [<channel modes with a parameter>]
  RPL_ISUPPORT: '005', // <1-13 tokens> :are supported by this server
  RPL_UMODEIS: '221', // <user modes>
  // LUSERS.
  RPL_LUSERCLIENT: '251', // :There are <u> users and <i> invisible on <s> servers
  RPL_LUSEROP: '252', // <ops> :operator(s) online
  RPL_LUSERUNKNOWN: '253', // <connections> :unknown connection(s)
  RPL_LUSERCHANNELS: '254', // <channels> :channels formed
  RPL_LUSERME: '255', // :I have <c> clients and <s> servers
  RPL_LOCALUSERS: '265', // [<u> <m>] :Current local users <u>, max <m>
  RPL_GLOBALUSERS: '266', // [<u> <m>] :Current global users <u>, max <m>
  // Users.
  RPL_AWAY: '301', // <nick> :<away message>
  RPL_ISON: '303', // :[<nick>{ <nick>}]
  RPL_UNAWAY: '305', // :You are no longer marked as being away
  RPL_NOWAWAY: '306', // :You have been marked as being away
  RPL_WHOISUSER: '311', // <nick> <username> <host> * :<realname>
  RPL_WHOISSERVER: '312', // <nick> <server> :<server info>
  RPL_WHOISOPERATOR: '313', // <nick> :is an IRC operator
  RPL_WHOWASUSER: '314', // <nick> <username> <host> * :<realname>
  RPL_ENDOFWHO: '315', // <mask> :End of WHO list
  RPL_WHOISIDLE: '317', // <nick> <secs> <signon> :seconds idle, signon time
  RPL_ENDOFWHOIS: '318', // <nick> :End of /WHOIS list
  RPL_WHOISCHANNELS: '319', // <nick> :[prefix]<channel>{ [prefix]<channel>}
  RPL_WHOISACCOUNT: '330', // <nick> <account> :is logged in as
  RPL_WHOREPLY: '352', // <channel> <username> <host> <server> <nick> <flags> :<hopcount> <realname>
  RPL_WHOSPCRPL: '354', // WHOX: the fields asked for, in order
  RPL_ENDOFWHOWAS: '369', // <nick> :End of WHOWAS
  // Channels.
  RPL_LISTSTART: '321', // Channel :Users  Name
  RPL_LIST: '322', // <channel> <client count> :<topic>
  RPL_LISTEND: '323', // :End of /LIST
  RPL_CHANNELMODEIS: '324', // <channel> <modestring> <mode arguments>...
  RPL_CREATIONTIME: '329', // <channel> <creationtime>
  RPL_NOTOPIC: '331', // <channel> :No topic is set
  RPL_TOPIC: '332', // <channel> :<topic>
  RPL_TOPICWHOTIME: '333', // <channel> <nick> <setat>
  RPL_INVITING: '341', // <nick> <channel>
  RPL_NAMREPLY: '353', // <symbol> <channel> :[prefix]<nick>{ [prefix]<nick>}
  RPL_ENDOFNAMES: '366', // <channel> :End of /NAMES list
  RPL_ENDOFBANLIST: '368', // <channel> :End of channel ban list
  RPL_ENDOFEXCEPTLIST: '349', // <channel> :End of channel exception list
  RPL_ENDOFINVEXLIST: '347', // <channel> :End of Channel Invite Exception List
  // MOTD.
  RPL_MOTD: '372', // :<line of the motd>
  RPL_MOTDSTART: '375', // :- <server> Message of the day -
  RPL_ENDOFMOTD: '376', // :End of /MOTD command.
  // Errors.
  ERR_NOSUCHNICK: '401', // <nickname> :No such nick/channel
  ERR_NOSUCHCHANNEL: '403', // <channel> :No such channel
  ERR_CANNOTSENDTOCHAN: '404', // <channel> :Cannot send to channel
  ERR_TOOMANYCHANNELS: '405', // <channel> :You have joined too many channels
  ERR_WASNOSUCHNICK: '406', // <nick> :There was no such nickname
  ERR_TOOMANYTARGETS: '407', // <target> :Too many targets
  ERR_NOORIGIN: '409', // :No origin specified
  ERR_INVALIDCAPCMD: '410', // <subcommand> :Invalid CAP command
  ERR_NORECIPIENT: '411', // :No recipient given (<command>)
  ERR_NOTEXTTOSEND: '412', // :No text to send
  ERR_INPUTTOOLONG: '417', // :Input line was too long
  ERR_UNKNOWNCOMMAND: '421', // <command> :Unknown command
  ERR_NOMOTD: '422', // :MOTD File is missing
  ERR_NONICKNAMEGIVEN: '431', // :No nickname given
  ERR_ERRONEUSNICKNAME: '432', // <nick> :Erroneous nickname
  ERR_NICKNAMEINUSE: '433', // <nick> :Nickname is already in use
  ERR_USERNOTINCHANNEL: '441', // <nick> <channel> :They aren't on that channel
  ERR_NOTONCHANNEL: '442', // <channel> :You're not on that channel
  ERR_USERONCHANNEL: '443', // <nick> <channel> :is already on channel
  ERR_NOTREGISTERED: '451', // :You have not registered
  ERR_NEEDMOREPARAMS: '461', // <command> :Not enough parameters
  ERR_ALREADYREGISTERED: '462', // :You may not reregister
  ERR_PASSWDMISMATCH: '464', // :Password incorrect
  ERR_YOUREBANNEDCREEP: '465', // :You are banned from this server
  ERR_UNKNOWNMODE: '472', // <modechar> :is unknown mode char to me
  ERR_INVITEONLYCHAN: '473', // <channel> :Cannot join channel (+i)
  ERR_BANNEDFROMCHAN: '474', // <channel> :Cannot join channel (+b)
  ERR_BADCHANNAME: '479', // <channel> :Illegal channel name (Hybrid, Ergo; not in Modern IRC)
  ERR_NOPRIVILEGES: '481', // :Permission Denied- You're not an IRC operator
  ERR_CHANOPRIVSNEEDED: '482', // <channel> :You're not channel operator
  ERR_UMODEUNKNOWNFLAG: '501', // :Unknown MODE flag
  ERR_USERSDONTMATCH: '502', // :Cant change mode for other users
  // KNOCK.
  RPL_KNOCK: '710', // <channel> <nick>!<user>@<host> :has asked for an invite.
  RPL_KNOCKDLVR: '711', // <channel> :Your KNOCK has been delivered.
  ERR_TOOMANYKNOCK: '712', // <channel> :Too many KNOCKs (channel).
  ERR_CHANOPEN: '713', // <channel> :Channel is open.
  ERR_KNOCKONCHAN: '714', // <channel> :You are already on that channel.
  // MONITOR.
  RPL_MONONLINE: '730', // :<nick>[!<user>@<host>][,<nick>...]
  RPL_MONOFFLINE: '731', // :<nick>[,<nick>...]
  RPL_MONLIST: '732', // :<target>[,<target>...]
  RPL_ENDOFMONLIST: '733', // :End of MONITOR list
  ERR_MONLISTFULL: '734', // <limit> <targets> :Monitor list is full.
  // SASL.
  RPL_LOGGEDIN: '900', // <nick>!<user>@<host> <account> :You are now logged in as <account>
  RPL_LOGGEDOUT: '901', // <nick>!<user>@<host> :You are now logged out
  ERR_NICKLOCKED: '902', // :You must use a nick assigned to you
  RPL_SASLSUCCESS: '903', // :SASL authentication successful
  ERR_SASLFAIL: '904', // :SASL authentication failed
  ERR_SASLTOOLONG: '905', // :SASL message too long
  ERR_SASLABORTED: '906', // :SASL authentication aborted
  ERR_SASLALREADY: '907', // :You have already authenticated using SASL
  RPL_SASLMECHS: '908', // <mechanisms> :are available SASL mechanisms
} as const;

export type NumericName = keyof typeof NUMERICS;

/**
 * The usual human-readable last parameter of the numerics whose text never changes. Clients
 * show it and do not parse it, so it may be reworded; the numeric is what they act on.
 */
export const NUMERIC_TEXT = {
  RPL_ISUPPORT: 'are supported by this server',
  RPL_UNAWAY: 'You are no longer marked as being away',
  RPL_NOWAWAY: 'You have been marked as being away',
  RPL_ENDOFWHO: 'End of WHO list',
  RPL_ENDOFWHOIS: 'End of /WHOIS list',
  RPL_WHOISOPERATOR: 'is an IRC operator',
  RPL_WHOISACCOUNT: 'is logged in as',
  RPL_ENDOFWHOWAS: 'End of WHOWAS',
  RPL_LISTEND: 'End of /LIST',
  RPL_NOTOPIC: 'No topic is set',
  RPL_ENDOFNAMES: 'End of /NAMES list',
  RPL_ENDOFMOTD: 'End of /MOTD command.',
  ERR_NOSUCHNICK: 'No such nick/channel',
  ERR_NOSUCHCHANNEL: 'No such channel',
  ERR_CANNOTSENDTOCHAN: 'Cannot send to channel',
  ERR_TOOMANYCHANNELS: 'You have joined too many channels',
  ERR_WASNOSUCHNICK: 'There was no such nickname',
  ERR_TOOMANYTARGETS: 'Too many targets',
  ERR_NOORIGIN: 'No origin specified',
  ERR_INVALIDCAPCMD: 'Invalid CAP command',
  ERR_NOTEXTTOSEND: 'No text to send',
  ERR_INPUTTOOLONG: 'Input line was too long',
  ERR_UNKNOWNCOMMAND: 'Unknown command',
  ERR_NOMOTD: 'MOTD File is missing',
  ERR_NONICKNAMEGIVEN: 'No nickname given',
  ERR_ERRONEUSNICKNAME: 'Erroneous nickname',
  ERR_NICKNAMEINUSE: 'Nickname is already in use',
  ERR_USERNOTINCHANNEL: "They aren't on that channel",
  ERR_NOTONCHANNEL: "You're not on that channel",
  ERR_USERONCHANNEL: 'is already on channel',
  ERR_NOTREGISTERED: 'You have not registered',
  ERR_NEEDMOREPARAMS: 'Not enough parameters',
  ERR_ALREADYREGISTERED: 'You may not reregister',
  ERR_PASSWDMISMATCH: 'Password incorrect',
  ERR_YOUREBANNEDCREEP: 'You are banned from this server',
  ERR_UNKNOWNMODE: 'is unknown mode char to me',
  ERR_INVITEONLYCHAN: 'Cannot join channel (+i)',
  ERR_BANNEDFROMCHAN: 'Cannot join channel (+b)',
  ERR_BADCHANNAME: 'Illegal channel name',
  ERR_NOPRIVILEGES: "Permission Denied- You're not an IRC operator",
  ERR_CHANOPRIVSNEEDED: "You're not channel operator",
  ERR_UMODEUNKNOWNFLAG: 'Unknown MODE flag',
  ERR_USERSDONTMATCH: "Can't change mode for other users",
  RPL_KNOCK: 'has asked for an invite.',
  RPL_KNOCKDLVR: 'Your KNOCK has been delivered.',
  ERR_TOOMANYKNOCK: 'Too many KNOCKs (channel).',
  ERR_CHANOPEN: 'Channel is open.',
  ERR_KNOCKONCHAN: 'You are already on that channel.',
  RPL_ENDOFMONLIST: 'End of MONITOR list',
  ERR_MONLISTFULL: 'Monitor list is full.',
  RPL_LOGGEDOUT: 'You are now logged out',
  ERR_NICKLOCKED: 'You must use a nick assigned to you',
  RPL_SASLSUCCESS: 'SASL authentication successful',
  ERR_SASLFAIL: 'SASL authentication failed',
  ERR_SASLTOOLONG: 'SASL message too long',
  ERR_SASLABORTED: 'SASL authentication aborted',
  ERR_SASLALREADY: 'You have already authenticated using SASL',
  RPL_SASLMECHS: 'are available SASL mechanisms',
} as const satisfies Partial<Record<NumericName, string>>;

export type TextNumericName = keyof typeof NUMERIC_TEXT;

/** The nick a numeric is addressed to before the client has one. */
export const NO_NICK = '*';

/**
 * A numeric reply from `server` to `nick` (undefined or '' before registration gives `*`):
 * `:<server> <code> <nick> <params...>`.
 */
export function numericReply(server: string, nick: string | undefined, name: NumericName, ...params: string[]): IrcMessage {
  return { source: server, command: NUMERICS[name], params: [nick === undefined || nick === '' ? NO_NICK : nick, ...params] };
}

/** The same, with the numeric's usual text as the last parameter: `textReply(s, 'bob', 'ERR_NOSUCHNICK', 'alice')`. */
export function textReply(server: string, nick: string | undefined, name: TextNumericName, ...params: string[]): IrcMessage {
  return numericReply(server, nick, name, ...params, NUMERIC_TEXT[name]);
}
