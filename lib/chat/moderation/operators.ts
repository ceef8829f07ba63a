/** Who the operators are: named in the config (`--admin`, repeatable, or the config file). */
export interface OperatorList {
  readonly admins: readonly string[];
}

/** Whether `nick` is an operator; nicks match in any case. */
export function isOperator(config: OperatorList, nick: string): boolean {
  const key = nick.toLowerCase();
  return config.admins.some((admin) => admin.toLowerCase() === key);
}
