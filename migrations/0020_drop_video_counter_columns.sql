-- Owned by the videos module. Likes, comments and shares are counted by the interactions module (video_counters and
-- its deltas); these columns of the first schema were never written, so they go. view_count stays: views are counted
-- here.
alter table videos drop column like_count, drop column comment_count, drop column share_count;
