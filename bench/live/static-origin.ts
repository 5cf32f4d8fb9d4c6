/**
 * The baseline of the viewer benchmark: plain static file serving of a live stream's files, on the same paths as
 * Looply's playback route (`/v1/live/<id>/hls/<file>`) and with the same headers, in a process of its own. Segments
 * come from where Looply's directory blob store keeps them (`<media root>/live/<id>/<file>`), playlists from a file
 * copy the benchmark keeps (`<playlist root>/live/<id>/<file>`; bench/live/playlist-mirror.ts).
 * `node bench/live/static-origin.ts <media root> <playlist root> <port>`; prints `listening` once it is.
 */
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

const [mediaRoot, playlistRoot, port] = process.argv.slice(2);
if (!mediaRoot || !playlistRoot || !port)
  throw new Error('usage: static-origin.ts <media root> <playlist root> <port>');
const PATH = /^\/v1\/live\/([0-9a-f-]{36})\/hls\/((?:v\d\/)?[A-Za-z0-9_.-]+)$/;

const server = createServer(async (request, response) => {
  const match = PATH.exec(request.url ?? '');
  const name = match?.[2] ?? '';
  const file = match ? join(name.endsWith('.m3u8') ? playlistRoot : mediaRoot, 'live', match[1] ?? '', name) : null;
  // Opened first and measured through the handle: a playlist renamed into place meanwhile cannot change the length.
  const handle = file ? await open(file, 'r').catch(() => null) : null;
  const info = handle ? await handle.stat() : null;
  if (!handle || !info?.isFile()) {
    await handle?.close();
    response.writeHead(404).end();
    return;
  }
  const playlist = name.endsWith('.m3u8');
  response.writeHead(200, {
    'content-type': playlist ? 'application/vnd.apple.mpegurl' : 'video/mp4',
    'content-length': String(info.size),
    'cache-control': playlist ? 'no-store' : 'public, max-age=31536000, immutable',
    'access-control-allow-origin': '*',
  });
  handle.createReadStream().pipe(response);
});
server.keepAliveTimeout = 72_000;
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
