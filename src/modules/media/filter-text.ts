/**
 * Escapes a value for a filter option inside a filtergraph: once for the option parser, once for the
 * graph parser (ffmpeg-filters(1), "Notes on filtergraph escaping"). Only for paths we chose; text a person
 * typed never enters a filtergraph, it reaches drawtext through `textfile=`.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\':]/g, '\\$&').replace(/[\\'[\],;]/g, '\\$&');
}

/** Word-wraps to lines of at most `columns` characters, at most `maxLines` lines. */
export function wrapText(text: string, columns: number, maxLines = 4): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest; ) {
      const candidate = line ? `${line} ${rest}` : rest;
      if (candidate.length <= columns) {
        line = candidate;
        rest = '';
      } else if (line) {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, columns));
        rest = rest.slice(columns);
      }
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, maxLines).join('\n');
}
