import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorBody } from './errors.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const API_PREFIXES = ['/v1/', '/media/', '/docs', '/healthz', '/readyz', '/metrics'];

/** What a shared video link needs to show a preview card: only a published video a visitor may see. */
export interface SharedVideoSource {
  get(
    id: string,
    viewerId: string | null,
  ): Promise<{
    caption: string;
    author: { username: string; display_name: string };
    thumbnails: { poster: string } | null;
    playback_urls: { hls: string } | null;
    download_url: string | null;
    width: number | null;
    height: number | null;
    duration_ms: number | null;
  }>;
}

export interface WebAppOptions {
  distDir?: string;
  /** With it, `/v/{id}` pages carry Open Graph tags (og:title, og:image, og:video) for link previews. */
  videos?: SharedVideoSource;
  /** The origin of the absolute URLs in those tags (PUBLIC_URL). */
  publicUrl?: () => string;
}

const VIDEO_PAGE = /^\/v\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?(?:\?.*)?$/i;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** index.html with the video's Open Graph and Twitter card tags, or null when the video is not for visitors. */
export async function videoPageHtml(
  indexHtml: string,
  videos: SharedVideoSource,
  id: string,
  origin: string,
): Promise<string | null> {
  let video: Awaited<ReturnType<SharedVideoSource['get']>>;
  try {
    video = await videos.get(id, null);
  } catch {
    return null;
  }
  if (!video.playback_urls) return null;
  const name = video.author.display_name || video.author.username;
  const caption = video.caption.trim();
  const title = `${name} (@${video.author.username}) on Looply`;
  const description = caption ? caption.slice(0, 200) : `Watch @${video.author.username}'s video on Looply.`;
  const url = `${origin}/v/${id}`;
  const tags: Array<[string, string, string]> = [
    ['property', 'og:site_name', 'Looply'],
    ['property', 'og:type', 'video.other'],
    ['property', 'og:title', title],
    ['property', 'og:description', description],
    ['property', 'og:url', url],
  ];
  if (video.thumbnails?.poster) tags.push(['property', 'og:image', `${origin}${video.thumbnails.poster}`]);
  // og:video must be a file a preview can play: the download MP4 when the author allows it, else the stream.
  const playable = video.download_url ?? video.playback_urls.hls;
  tags.push(['property', 'og:video', `${origin}${playable}`]);
  tags.push(['property', 'og:video:type', video.download_url ? 'video/mp4' : 'application/vnd.apple.mpegurl']);
  if (video.width && video.height) {
    tags.push(['property', 'og:video:width', String(video.width)]);
    tags.push(['property', 'og:video:height', String(video.height)]);
  }
  if (video.duration_ms) tags.push(['property', 'video:duration', String(Math.round(video.duration_ms / 1000))]);
  tags.push(['name', 'twitter:card', 'summary_large_image']);
  tags.push(['name', 'twitter:title', title]);
  tags.push(['name', 'twitter:description', description]);
  if (video.thumbnails?.poster) tags.push(['name', 'twitter:image', `${origin}${video.thumbnails.poster}`]);
  const head = [
    ...tags.map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`),
    `<link rel="canonical" href="${escapeHtml(url)}" />`,
  ].join('\n    ');
  const withTitle = indexHtml.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)}</title>`);
  return withTitle.includes('<!-- looply:og -->')
    ? withTitle.replace('<!-- looply:og -->', head)
    : withTitle.replace('</head>', `    ${head}\n  </head>`);
}

/**
 * Serves the built React app at `/`. Any other GET that is not an API path gets index.html, so the client's own
 * routes (/upload, /@name, /v/id) load on a refresh; API paths keep answering 404 in the API's error shape.
 * `/v/{id}` gets index.html with the video's link-preview tags when `videos` is given.
 */
export async function registerWebApp(app: FastifyInstance, options: WebAppOptions | string = {}): Promise<void> {
  const { distDir = WEB_DIST, videos, publicUrl } = typeof options === 'string' ? { distDir: options } : options;
  const built = existsSync(`${distDir}/index.html`);
  if (built) {
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: 'index.html' });
  } else {
    app.log.warn({ distDir }, 'the web app is not built (npm run build:web); serving the API only');
  }
  const sharedVideoPage = async (request: FastifyRequest): Promise<string | null> => {
    const id = videos ? VIDEO_PAGE.exec(request.url)?.[1] : undefined;
    if (!id || !videos || !publicUrl) return null;
    const indexHtml = await readFile(`${distDir}/index.html`, 'utf8');
    return videoPageHtml(indexHtml, videos, id.toLowerCase(), publicUrl());
  };
  app.setNotFoundHandler(async (request, reply) => {
    const isApi = API_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    if (built && request.method === 'GET' && !isApi) {
      const page = await sharedVideoPage(request).catch(() => null);
      if (page) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .send(errorBody('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}.`));
  });
}
