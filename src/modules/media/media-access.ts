import type { MediaAudienceLookup } from './media-audience-cache.ts';
import { type MediaSignature, type MediaUrlSigner, mediaRendition } from './signed-urls.ts';

/** How a media file may be served: to anyone (cacheable), through a valid signature, or not at all (null). */
export type MediaAccess = { kind: 'public' } | { kind: 'signed'; signature: MediaSignature } | null;

export interface MediaAccessDeps {
  signer: MediaUrlSigner;
  /** The video's media audience, from VideoAccess through a short cache. */
  audience: MediaAudienceLookup;
  /** 'open' when everyone may hear the sound (SoundService.isOpen), through the same kind of cache. */
  soundAudience: MediaAudienceLookup;
}

/** `sounds/<sound id>/…`: a sound's audio file. */
const SOUND_KEY = /^sounds\/([0-9a-f-]{36})\//;
/** `avatars/<user id>/<random id>.webp`: a profile picture, which the accounts module names (avatars.ts). */
const AVATAR_KEY = /^avatars\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.webp$/;

/**
 * A profile picture is public: every profile, a private one too, shows it to everyone. A sound's audio is public
 * while the sound is open (its source video, if any, is open to every visitor), else not served. A video's file is
 * public while the video is open to every visitor; otherwise only with an unexpired signature of its rendition
 * directory; never for a removed or unknown video.
 */
export async function mediaAccess(
  key: string,
  query: { exp?: unknown; sig?: unknown },
  deps: MediaAccessDeps,
): Promise<MediaAccess> {
  if (AVATAR_KEY.test(key)) return { kind: 'public' };
  const sound = SOUND_KEY.exec(key)?.[1];
  if (sound) return (await deps.soundAudience(sound)) === 'open' ? { kind: 'public' } : null;
  const rendition = mediaRendition(key);
  if (!rendition) return null;
  const audience = await deps.audience(rendition.videoId);
  if (audience === 'open') return { kind: 'public' };
  if (audience === null || !deps.signer.verify(rendition.prefix, query.exp, query.sig)) return null;
  return { kind: 'signed', signature: { exp: Number(query.exp), sig: String(query.sig) } };
}
