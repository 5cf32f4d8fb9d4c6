-- notifications module. A deleted comment takes back the notifications it caused (comment, reply, mentions): they
-- are found by the comment, across recipients, without reading anyone's whole list.
create index notifications_by_comment on notifications (comment_id) where comment_id is not null;
