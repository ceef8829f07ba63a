import type { ServerConfig } from '../../config.js';

/** Operators are named in the config (`--admin`, repeatable, or the config file); nicks match in any case. */
export function isOperator(config: Pick<ServerConfig, 'admins'>, nick: string): boolean {
  const key = nick.toLowerCase();
  return config.admins.some((admin) => admin.toLowerCase() === key);
}
