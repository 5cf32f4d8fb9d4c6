-- Owned by the search module. An original sound is only as open as its source video: search shows it while that
-- video's document is searchable and its author's account is not private (see sound-openness.ts), so the sound's
-- document names its source video, from SoundCreated.
alter table search_sounds add column source_video_id uuid;
-- False until SoundCreated (or a rebuild) said where the sound comes from: such a sound is shown to its owner only.
alter table search_sounds add column source_known boolean not null default false;

-- Sounds indexed before this migration do not know their source: the next start of a worker rebuilds the index
-- (claimFirstRebuild), which asks the sounds module for it.
delete from search_index_state where key = 'rebuild';
