/** Plain-text tables for the scripts' reports. */

export type TableRow = readonly [what: string, value: string];

/** Two aligned columns (what, value); a value over several lines continues under itself. */
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

/** Aligned columns under a header; numbers (cells that start with a digit) right-aligned. */
export function formatColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row.map((cell, i) => (/^\d/.test(cell) && row !== header ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** 1234567 -> "1,234,567". */
export function num(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** KiB -> "123.4 MiB". */
export function mib(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}
