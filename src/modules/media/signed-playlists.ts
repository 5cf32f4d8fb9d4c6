/**
 * Carries a signature into the files a signed playlist or sprite map points at, so a player that opened the
 * signed master playlist can fetch the whole ladder. Works on the text only: every URI gets `query` appended
 * (before any `#fragment`); nothing here becomes a path.
 */

/** Appends `query` to a URI reference, keeping its fragment (`sprite.jpg#xywh=…`) last. */
export function withQuery(uri: string, query: string): string {
  const hash = uri.indexOf('#');
  const [base, fragment] = hash === -1 ? [uri, ''] : [uri.slice(0, hash), uri.slice(hash)];
  return `${base}${base.includes('?') ? '&' : '?'}${query}${fragment}`;
}

/** An HLS playlist with `query` on every URI line (segments, variants) and every `URI="…"` attribute. */
export function signPlaylistUris(text: string, query: string): string {
  return text
    .split('\n')
    .map((line) => {
      const content = line.trimEnd();
      if (content === '') return line;
      if (content.startsWith('#'))
        return line.replace(/URI="([^"]*)"/g, (_m, uri: string) => `URI="${withQuery(uri, query)}"`);
      return withQuery(content, query) + line.slice(content.length);
    })
    .join('\n');
}

/** A WebVTT sprite map with `query` on each cue's image reference (the lines after a cue's timing line). */
export function signVttUris(text: string, query: string): string {
  let inCue = false;
  return text
    .split('\n')
    .map((line) => {
      const content = line.trimEnd();
      if (content === '') {
        inCue = false;
        return line;
      }
      if (content.includes('-->')) {
        inCue = true;
        return line;
      }
      return inCue ? withQuery(content, query) + line.slice(content.length) : line;
    })
    .join('\n');
}
