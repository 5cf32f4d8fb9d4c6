-- follows module. "Accounts I blocked", newest first, paged like the follower lists.
create index blocks_by_blocker_newest on blocks (blocker_id, created_at desc, blocked_id desc);
