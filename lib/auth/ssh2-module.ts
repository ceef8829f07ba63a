import type ssh2 from 'ssh2';

/**
 * The ssh2 library, loaded on first need: loading it costs some 14 MB of resident memory,
 * which a server without --ssh-port spends only once someone adds a key (/key add).
 * The SSH front end loads it before it starts, and then takes it with `ssh2Loaded()`.
 */
let loading: Promise<typeof ssh2> | undefined;
let loaded: typeof ssh2 | undefined;

export function loadSsh2(): Promise<typeof ssh2> {
  loading ??= import('ssh2').then((module) => (loaded = module.default));
  return loading;
}

/** ssh2, once `loadSsh2()` has resolved. */
export function ssh2Loaded(): typeof ssh2 {
  if (!loaded) throw new Error('ssh2 is used before loadSsh2() has resolved');
  return loaded;
}
