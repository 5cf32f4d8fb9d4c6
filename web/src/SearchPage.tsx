/**
 * /search (Discover): a search box with suggestions as you type, results by kind (videos, accounts, hashtags,
 * sounds), and what is trending while nothing is typed. Reads `GET /v1/search`, `/v1/search/suggest` and
 * `/v1/trending` defensively: their shapes are owned by the search module.
 */
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { Avatar } from './Avatar.tsx';
import type { SearchResults, UserRef, Video } from './api/types.ts';
import { ApiError, getTrending, type SearchType, search, suggest } from './api.ts';
import { formatCount } from './format.ts';
import { useResource } from './hooks/useResource.ts';
import { InstallButton } from './InstallButton.tsx';
import { LiveIcon, SearchIcon, ShopIcon } from './icons.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { FormError } from './ui/form.tsx';
import { type Tab, TabList } from './ui/Tabs.tsx';
import { VideoTiles } from './VideoGrid.tsx';

const TYPES: Tab<SearchType>[] = [
  { value: 'all', label: 'Top' },
  { value: 'videos', label: 'Videos' },
  { value: 'users', label: 'Accounts' },
  { value: 'hashtags', label: 'Hashtags' },
  { value: 'sounds', label: 'Sounds' },
];

/** Suggestions are asked for this long after the last key, not for every letter typed. */
const SUGGEST_DEBOUNCE_MS = 150;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export interface Suggestion {
  text: string;
  type: 'hashtag' | 'user' | 'sound' | 'query';
  id: string | null;
}

/** Suggestions from `/v1/search/suggest` (`{suggestions: [{type, text, id}]}`), read defensively. */
export function suggestionsOf(body: unknown): Suggestion[] {
  const list = Array.isArray(body) ? body : isRecord(body) ? (body.suggestions ?? []) : [];
  if (!Array.isArray(list)) return [];
  const out: Suggestion[] = [];
  for (const item of list) {
    if (typeof item === 'string') out.push({ text: item, type: 'query', id: null });
    else if (isRecord(item) && typeof item.text === 'string') {
      const type = item.type === 'hashtag' || item.type === 'user' || item.type === 'sound' ? item.type : 'query';
      out.push({ text: item.text, type, id: typeof item.id === 'string' ? item.id : null });
    }
  }
  return out.slice(0, 10);
}

function suggestionPath(s: Suggestion): string | null {
  if (s.type === 'hashtag') return `/tag/${encodeURIComponent(s.text.replace(/^#/, '').toLowerCase())}`;
  if (s.type === 'user') return `/@${encodeURIComponent(s.text.toLowerCase())}`;
  if (s.type === 'sound' && s.id) return `/sound/${encodeURIComponent(s.id)}`;
  return null;
}

interface Trending {
  hashtags: { name: string; count?: number }[];
  videos: Video[];
}

/** `GET /v1/trending` answers `{type, items: [{score, counts, hashtag? | sound? | video?}]}`. */
function trendingItems(body: unknown): Record<string, unknown>[] {
  const items = isRecord(body) ? body.items : null;
  return Array.isArray(items) ? items.filter(isRecord) : [];
}

async function loadTrending(signal: AbortSignal): Promise<Trending> {
  const [tags, videos] = await Promise.all([
    getTrending('hashtags', signal),
    getTrending('videos', signal).catch(() => null),
  ]);
  return {
    hashtags: trendingItems(tags)
      .map((item) => item.hashtag)
      .filter(isRecord)
      .filter((tag) => typeof tag.name === 'string')
      .map((tag) => ({
        name: String(tag.name),
        ...(typeof tag.video_count === 'number' ? { count: tag.video_count } : {}),
      })),
    videos: trendingItems(videos)
      .map((item) => item.video)
      .filter((video): video is Record<string, unknown> => isRecord(video) && typeof video.id === 'string')
      .map((video) => video as unknown as Video),
  };
}

function Unavailable({ what }: { what: string }) {
  return <p className="muted">{what} is not available on this server yet.</p>;
}

function UserRow({ user }: { user: UserRef }) {
  return (
    <li>
      <Link to={`/@${user.username}`} className="list-row">
        <Avatar name={user.display_name || user.username} url={user.avatar_url} size={44} />
        <span>
          <strong>{user.display_name || user.username}</strong>
          <span className="muted"> @{user.username}</span>
        </span>
      </Link>
    </li>
  );
}

/** One kind of result; titled when several kinds are shown together. */
function ResultSection({ label, titled, children }: { label: string; titled: boolean; children: ReactNode }) {
  return (
    <section aria-label={label}>
      {titled && <h2 className="section-title">{label}</h2>}
      {children}
    </section>
  );
}

/** Hashtags as chips linking to their pages, with how many videos use each when it is known. */
function TagChips({ tags }: { tags: { name: string; count?: number | undefined }[] }) {
  return (
    <ul className="chips">
      {tags.map((tag) => (
        <li key={tag.name}>
          <Link to={`/tag/${encodeURIComponent(tag.name)}`} className="chip">
            #{tag.name}
            {tag.count !== undefined && <span className="muted"> {formatCount(tag.count)}</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Results({ results, type }: { results: SearchResults; type: SearchType }) {
  const videos = results.videos ?? [];
  const users = results.users ?? [];
  const hashtags = results.hashtags ?? [];
  const sounds = results.sounds ?? [];
  const nothing = videos.length + users.length + hashtags.length + sounds.length === 0;
  if (nothing) return <p className="muted empty">No results.</p>;
  const shows = (kind: SearchType) => type === 'all' || type === kind;
  return (
    <div className="results">
      {users.length > 0 && shows('users') && (
        <ResultSection label="Accounts" titled={type === 'all'}>
          <ul className="list">
            {(type === 'all' ? users.slice(0, 3) : users).map((u) => (
              <UserRow key={u.id} user={u} />
            ))}
          </ul>
        </ResultSection>
      )}
      {hashtags.length > 0 && shows('hashtags') && (
        <ResultSection label="Hashtags" titled={type === 'all'}>
          <TagChips tags={hashtags.map((h) => ({ name: h.name, count: h.video_count }))} />
        </ResultSection>
      )}
      {sounds.length > 0 && shows('sounds') && (
        <ResultSection label="Sounds" titled={type === 'all'}>
          <ul className="list">
            {sounds.map((s) => (
              <li key={s.id}>
                <Link to={`/sound/${encodeURIComponent(s.id)}`} className="list-row">
                  ♫ {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </ResultSection>
      )}
      {videos.length > 0 && shows('videos') && (
        <ResultSection label="Videos" titled={type === 'all'}>
          <VideoTiles videos={videos} source="search" />
        </ResultSection>
      )}
    </div>
  );
}

export function SearchPage() {
  const { search: qs } = useLocation();
  const params = new URLSearchParams(qs);
  const query = params.get('q') ?? '';
  const type = TYPES.find((t) => t.value === params.get('type'))?.value ?? 'all';
  const [text, setText] = useState(query);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const results = useResource<SearchResults>(query ? (signal) => search(query, type, null, signal) : null, [
    query,
    type,
  ]);
  const trending = useResource<Trending>(query ? null : loadTrending, [query]);
  // No search on this (older) server: the route itself is missing.
  const unavailable =
    results.failure instanceof ApiError && results.failure.status === 404 && results.failure.code === 'NOT_FOUND';
  const trendingUnavailable = trending.failure instanceof ApiError && trending.failure.status === 404;
  const listId = useId();

  useEffect(() => setText(query), [query]);

  // Suggestions while typing, a moment after the last key.
  useEffect(() => {
    const q = text.trim();
    if (!q || q === query) {
      setSuggestions([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      suggest(q, ctrl.signal)
        .then((body) => setSuggestions(suggestionsOf(body)))
        .catch(() => setSuggestions([]));
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, query]);

  const go = (q: string, t: SearchType = type) => {
    const trimmed = q.trim();
    if (!trimmed) return;
    if (trimmed.startsWith('#') && !trimmed.includes(' ')) {
      navigate(`/tag/${encodeURIComponent(trimmed.slice(1).toLowerCase())}`);
      return;
    }
    setSuggestions([]);
    navigate(`/search?q=${encodeURIComponent(trimmed)}${t === 'all' ? '' : `&type=${t}`}`);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    go(text);
  };

  return (
    <main className="page search-page">
      <search>
        <form className="search-form" onSubmit={submit}>
          <label className="search-box">
            <SearchIcon />
            <input
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="Search videos, accounts, #hashtags"
              aria-label="Search"
              aria-describedby={suggestions.length > 0 ? listId : undefined}
              enterKeyHint="search"
              data-testid="search-input"
            />
          </label>
          {suggestions.length > 0 && (
            <ul id={listId} className="suggestions" aria-label="Suggestions">
              {suggestions.map((s) => (
                <li key={`${s.type}:${s.text}`}>
                  <button
                    type="button"
                    onClick={() => {
                      const path = suggestionPath(s);
                      setSuggestions([]);
                      if (path) navigate(path);
                      else go(s.text);
                    }}
                  >
                    {s.type === 'hashtag' ? '#' : s.type === 'user' ? '@' : s.type === 'sound' ? '♫ ' : ''}
                    {s.text}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </form>
      </search>

      {query ? (
        <>
          <TabList label="Result types" tabs={TYPES} selected={type} onSelect={(t) => go(query, t)} />
          {results.status === 'loading' && <div className="spinner inline" role="status" aria-label="Searching" />}
          {results.status === 'error' &&
            (unavailable ? <Unavailable what="Search" /> : <FormError>{results.error}</FormError>)}
          {results.status === 'ready' && results.data && <Results results={results.data} type={type} />}
        </>
      ) : (
        <>
          <nav className="discover-links" aria-label="Discover">
            <Link to="/live" className="discover-link">
              <LiveIcon />
              LIVE
            </Link>
            <Link to="/shop" className="discover-link">
              <ShopIcon />
              Shop
            </Link>
            <InstallButton className="discover-link" />
          </nav>
          <h2 className="section-title">Trending</h2>
          {trending.status === 'loading' && (
            <div className="spinner inline" role="status" aria-label="Loading trends" />
          )}
          {trending.status === 'error' &&
            (trendingUnavailable ? <Unavailable what="Trending" /> : <FormError>{trending.error}</FormError>)}
          {trending.status === 'ready' && trending.data && (
            <>
              {trending.data.hashtags.length > 0 && (
                <TagChips tags={trending.data.hashtags.map((h) => ({ name: h.name }))} />
              )}
              {trending.data.videos.length > 0 && <VideoTiles videos={trending.data.videos} source="search" />}
              {trending.data.hashtags.length + trending.data.videos.length === 0 && (
                <p className="muted">Nothing is trending yet.</p>
              )}
            </>
          )}
        </>
      )}
    </main>
  );
}
