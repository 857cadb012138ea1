/** Plain-text tables for the CLI: columns padded to their widest cell, two spaces apart, the last one unpadded. */
export function table(rows: readonly (readonly string[])[]): string {
  if (!rows.length) return '';
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((x, c) => (c === r.length - 1 ? x : x.padEnd(widths[c]!))).join('  ')).join('\n');
}
