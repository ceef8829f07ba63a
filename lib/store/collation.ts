/**
 * How every store compares nicks and orders strings: as SQLite does, so that the stores
 * agree with SqliteStore (and the contract suite holds them all to it).
 */

/**
 * Folds ASCII letters only, as SQLite's NOCASE does, so that every store agrees on which
 * nicks are the same (toLowerCase would also fold `É` to `é` and the Kelvin sign to `k`).
 * Keys use the folded nick; values keep the display one.
 */
export function nickKey(nick: string): string {
  return nick.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Code-unit order, as SQLite's default BINARY collation (not localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
