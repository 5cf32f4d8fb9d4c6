-- Owned by the search module: typo'd prefixes (typo-prefixes.ts). A word one edit from the start of a value is found
-- by reading index ranges: of the value itself (`text_pattern_ops`: byte order, so a prefix is one range), and of the
-- value without its second or third character, where a letter replaced or missing there leaves the rest of the word
-- a plain prefix (on the value itself only the first letter or two would fix the range: too wide to read).
create function search_without_char(value text, at integer) returns text
language sql immutable parallel safe as $$
  select left(value, at - 1) || substr(value, at + 1)
$$;

create index search_terms_prefix on search_terms (term text_pattern_ops);
create index search_terms_without_2 on search_terms (search_without_char(term, 2) text_pattern_ops);
create index search_terms_without_3 on search_terms (search_without_char(term, 3) text_pattern_ops);
create index search_hashtags_without_2 on search_hashtags (search_without_char(name, 2) text_pattern_ops);
create index search_hashtags_without_3 on search_hashtags (search_without_char(name, 3) text_pattern_ops);
create index search_users_without_2 on search_users (search_without_char(username, 2) text_pattern_ops);
create index search_users_without_3 on search_users (search_without_char(username, 3) text_pattern_ops);

-- The vocabulary now holds the words of sound titles and display names too (vocabulary.ts); the words of those
-- indexed before, as PostgreSQL's parser cuts them (a rebuild adds them exactly).
insert into search_terms (term)
select distinct lexeme
from (
  select unnest(tsvector_to_array(to_tsvector('simple', title))) as lexeme from search_sounds where title is not null
  union all
  select unnest(tsvector_to_array(to_tsvector('simple', display_name))) from search_users
) words
where char_length(lexeme) between 3 and 50 and lexeme !~ '[[:punct:][:space:]]'
on conflict do nothing;
