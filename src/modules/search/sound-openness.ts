/**
 * SQL that is true when the sound `sound` (an alias of search_sounds) may be shown to the viewer in the parameter
 * `viewer` (a uuid, null for a visitor). A sound is open while it has no source video, or that video's document is
 * searchable (ready, published, public, not removed) and its author's account is known and not private: what the
 * sounds module decides, derived from the same events (VideoReady, VideoPublished, VideoUpdated, VideoRemoved,
 * ProfileUpdated), whose documents already keep the newest state whatever the order of delivery. Its owner always
 * sees it, as on `GET /v1/sounds/{id}`.
 */
export function soundShownSql(sound: string, viewer: string): string {
  return `(${sound}.owner_id = ${viewer}::uuid or (${sound}.source_known and (${sound}.source_video_id is null
    or exists (select 1 from search_videos origin join search_users author on author.id = origin.author_id
      where origin.id = ${sound}.source_video_id and origin.searchable
        and author.username is not null and not author.is_private))))`;
}
