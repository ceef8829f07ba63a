/**
 * Nicks are ASCII letters, digits, `_` and `-` (names.ts), so no letter of
 * another script can pass for a Latin one; but within ASCII `vict1m` reads as `victim`.
 * Two nicks with the same skeleton look alike, and a nick whose skeleton is taken cannot
 * be registered. The steps run in this order, each replacing every occurrence, left to
 * right; the SQLite store repeats them in SQL (lib/store/sqlite/sqlite-schema.ts) to index them.
 */
export const SKELETON_STEPS: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['vv', 'w'],
  ['0', 'o'],
  ['1', 'l'],
  // Lower case first: an upper-case I (as in vIctim) reads as l.
  ['i', 'l'],
  ['5', 's'],
];

/** What a nick looks like, with case and the look-alike letters and digits above folded. */
export function nickSkeleton(nick: string): string {
  let skeleton = nick.toLowerCase();
  for (const [from, to] of SKELETON_STEPS) skeleton = skeleton.replaceAll(from, to);
  return skeleton;
}

/** The same steps as an SQL expression over the column `column` (ASCII: SQLite's lower() suffices). */
export function skeletonSql(column: string): string {
  return SKELETON_STEPS.reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, `lower(${column})`);
}
