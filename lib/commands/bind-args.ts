/**
 * How a command takes its arguments: a list of names, where a trailing `...` marks the
 * last one as "the rest of the line" and a leading `?` marks an optional one.
 * e.g. ['nick', 'text...'] or ['?room'].
 */
export type ParamSpec = readonly string[];

export type BoundArgs =
  | { ok: true; args: Record<string, string | undefined> }
  | { ok: false; missing: string }
  | { ok: false; extra: string };

/** Splits `rest` by whitespace according to `spec`. Pure; used by the command table. */
export function bindArgs(spec: ParamSpec, rest: string): BoundArgs {
  const args: Record<string, string | undefined> = {};
  let remaining = rest.trim();
  for (const [index, rawName] of spec.entries()) {
    const optional = rawName.startsWith('?');
    const greedy = rawName.endsWith('...');
    const name = rawName.replace(/^\?/, '').replace(/\.\.\.$/, '');
    const isLast = index === spec.length - 1;
    let value: string;
    if (greedy && isLast) {
      value = remaining;
      remaining = '';
    } else {
      const match = /^(\S+)\s*/.exec(remaining);
      value = match?.[1] ?? '';
      remaining = remaining.slice(match?.[0].length ?? 0);
    }
    if (value === '') {
      if (!optional) return { ok: false, missing: name };
      args[name] = undefined;
    } else {
      args[name] = value;
    }
  }
  if (remaining !== '') return { ok: false, extra: remaining };
  return { ok: true, args };
}
