import type { MediaAudienceLookup } from './media-audience-cache.ts';
import { type MediaSignature, type MediaUrlSigner, mediaRendition } from './signed-urls.ts';

/** How a media file may be served: to anyone (cacheable), through a valid signature, or not at all (null). */
export type MediaAccess = { kind: 'public' } | { kind: 'signed'; signature: MediaSignature } | null;

export interface MediaAccessDeps {
  signer: MediaUrlSigner;
  /** The video's media audience, from VideoService through a short cache. */
  audience: MediaAudienceLookup;
}

/**
 * Sounds are public (reusable by design). A video's file is public while the video is open to every visitor;
 * otherwise only with an unexpired signature of its rendition directory; never for a removed or unknown video.
 */
export async function mediaAccess(
  key: string,
  query: { exp?: unknown; sig?: unknown },
  deps: MediaAccessDeps,
): Promise<MediaAccess> {
  if (key.startsWith('sounds/')) return { kind: 'public' };
  const rendition = mediaRendition(key);
  if (!rendition) return null;
  const audience = await deps.audience(rendition.videoId);
  if (audience === 'open') return { kind: 'public' };
  if (audience === null || !deps.signer.verify(rendition.prefix, query.exp, query.sig)) return null;
  return { kind: 'signed', signature: { exp: Number(query.exp), sig: String(query.sig) } };
}
