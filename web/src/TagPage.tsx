/** /tag/{name}: a hashtag's videos (`GET /v1/hashtags/{name}`), with its counts when the server gives them. */
import { useCallback, useState } from 'react';
import type { Hashtag, VideoPage } from './api/types.ts';
import { ApiError, getHashtag } from './api.ts';
import { formatCount } from './format.ts';
import { PageHeader } from './ui/PageHeader.tsx';
import { VideoGrid } from './VideoGrid.tsx';

export function TagPage({ name }: { name: string }) {
  const [info, setInfo] = useState<Hashtag | null>(null);
  const [unavailable, setUnavailable] = useState(false);

  const fetchPage = useCallback(
    async (cursor: string | null, signal: AbortSignal): Promise<VideoPage> => {
      try {
        const tag = await getHashtag(name, cursor, signal);
        if (cursor === null) setInfo(tag);
        return { videos: tag.videos ?? [], cursor: tag.cursor ?? null, has_more: tag.has_more ?? false };
      } catch (err) {
        // No such route on this server yet (an older Looply): say so instead of "not found".
        if (err instanceof ApiError && err.status === 404) {
          // HASHTAG_NOT_FOUND: nobody used it yet. NOT_FOUND: no such route on this (older) server.
          if (err.code === 'NOT_FOUND') setUnavailable(true);
          return { videos: [], cursor: null, has_more: false };
        }
        throw err;
      }
    },
    [name],
  );

  return (
    <main className="page tag-page">
      <PageHeader back="/search">
        <div>
          <h1>#{name}</h1>
          {info && (info.video_count !== undefined || info.view_count !== undefined) && (
            <p className="muted">
              {info.video_count !== undefined && `${formatCount(info.video_count)} videos`}
              {info.video_count !== undefined && info.view_count !== undefined && ' · '}
              {info.view_count !== undefined && `${formatCount(info.view_count)} views`}
            </p>
          )}
        </div>
      </PageHeader>
      <VideoGrid
        fetchPage={fetchPage}
        source="tag"
        label={`Videos tagged #${name}`}
        empty={
          <p>
            {unavailable ? 'Hashtag pages are not available on this server yet.' : `No videos tagged #${name} yet.`}
          </p>
        }
      />
    </main>
  );
}
