export type TableRow = readonly [what: string, value: string];

/** Two aligned columns; a value over several lines continues under itself. */
export function formatTable(rows: readonly TableRow[]): string {
  const width = Math.max(...rows.map(([what]) => what.length));
  return rows
    .map(([what, value]) =>
      value
        .split('\n')
        .map((part, i) => `${(i === 0 ? what : '').padEnd(width)}  ${part}`.trimEnd())
        .join('\n'),
    )
    .join('\n');
}

/** 1234567 -> "1,234,567". */
export function num(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** KiB -> "123.4 MiB". */
export function mib(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}
