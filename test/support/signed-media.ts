import { expect } from 'vitest';

/** A media URL without its `exp` and `sig`: what someone who once saw the path but holds no signature asks for. */
export function unsigned(url: string): string {
  return url.split('?')[0] as string;
}

/** The same URL with the last character of its signature changed. */
export function tampered(url: string): string {
  return url.replace(/sig=([^&#]*)(.)/, (_m, head: string, last: string) => `sig=${head}${last === 'A' ? 'B' : 'A'}`);
}

export function expectSigned(url: string): void {
  expect(url).toMatch(/\?exp=\d+&sig=[\w-]{43}$/);
}

/** The URI lines of a playlist (variants or segments), resolved against the playlist's own URL. */
export function playlistUris(text: string, playlistUrl: URL): URL[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => new URL(line, playlistUrl));
}

export async function expectMediaNotFound(base: string, path: string): Promise<void> {
  const { response, body } = await fetchFully(new URL(path, base));
  expect(response.status, path).toBe(404);
  expect(JSON.parse(body.toString()).error.code).toBe('MEDIA_NOT_FOUND');
}

/** GET and read the whole body (an unread body keeps the connection busy and the server from closing). */
export async function fetchFully(url: string | URL): Promise<{ response: Response; body: Buffer }> {
  const response = await fetch(url);
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}
