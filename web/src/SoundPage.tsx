/** /sound/{id}: a sound, the videos that play it, and "Use this sound" for your own upload. */
import { useCallback } from 'react';
import { getSound, getSoundVideos } from './api.ts';
import { formatCount, formatDuration } from './format.ts';
import { useResource } from './hooks/useResource.ts';
import { Link } from './router.tsx';
import { FormError } from './ui/form.tsx';
import { PageHeader } from './ui/PageHeader.tsx';
import { VideoGrid } from './VideoGrid.tsx';

export function SoundPage({ id }: { id: string }) {
  const { data: sound, error } = useResource((signal) => getSound(id, signal), [id]);

  const fetchPage = useCallback(
    (cursor: string | null, signal: AbortSignal) => getSoundVideos(id, cursor, signal),
    [id],
  );

  return (
    <main className="page sound-page">
      <PageHeader back="/search">
        <div>
          <h1>♫ {sound?.title ?? 'Sound'}</h1>
          {sound && (
            <p className="muted">
              {sound.owner && <Link to={`/@${sound.owner.username}`}>@{sound.owner.username}</Link>}
              {sound.duration_ms !== null && ` · ${formatDuration(sound.duration_ms)}`}
              {` · ${formatCount(sound.video_count)} ${sound.video_count === 1 ? 'video' : 'videos'}`}
            </p>
          )}
        </div>
      </PageHeader>
      {error && <FormError>{error}</FormError>}
      {sound && (
        <div className="row sound-actions">
          {sound.audio_url && (
            // biome-ignore lint/a11y/useMediaCaption: a sound preview has no words to caption.
            <audio controls src={sound.audio_url} preload="none" aria-label={`Listen to ${sound.title}`} />
          )}
          <Link to={`/upload?sound=${encodeURIComponent(sound.id)}`} className="button primary">
            Use this sound
          </Link>
        </div>
      )}
      <VideoGrid fetchPage={fetchPage} source="search" label="Videos with this sound" empty={<p>No videos yet.</p>} />
    </main>
  );
}
