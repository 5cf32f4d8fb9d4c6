/** Routes (History API) inside a centred 9:16 column, with the navigation and toasts on top. */
import { type ReactNode, useEffect } from 'react';
import { AuthForm } from './AuthForm.tsx';
import { useSession } from './auth.ts';
import { ComingSoon } from './ComingSoon.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Feed } from './Feed.tsx';
import { InboxPage } from './InboxPage.tsx';
import { ShopIcon } from './icons.tsx';
import { useLiveConnection } from './live.ts';
import { ConversationList, ConversationPage } from './MessagesPage.tsx';
import { NavBar, SideNav } from './NavBar.tsx';
import { Profile } from './Profile.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { SearchPage } from './SearchPage.tsx';
import { SoundPage } from './SoundPage.tsx';
import { GoLivePage } from './streams/GoLivePage.tsx';
import { LiveListPage } from './streams/LiveListPage.tsx';
import { WatchPage } from './streams/WatchPage.tsx';
import { TagPage } from './TagPage.tsx';
import { Toast } from './Toast.tsx';
import { Upload } from './Upload.tsx';
import { VideoPage } from './VideoPage.tsx';

type Route =
  | { name: 'feed' }
  | { name: 'following' }
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'upload' }
  | { name: 'search' }
  | { name: 'inbox' }
  | { name: 'messages' }
  | { name: 'conversation'; id: string }
  | { name: 'live' }
  | { name: 'live-stream'; id: string }
  | { name: 'go-live' }
  | { name: 'shop' }
  | { name: 'tag'; tag: string }
  | { name: 'sound'; id: string }
  | { name: 'video'; id: string }
  | { name: 'profile'; username: string }
  | { name: 'not-found' };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const SIMPLE: Record<string, Route> = {
  '/': { name: 'feed' },
  '/following': { name: 'following' },
  '/login': { name: 'login' },
  '/signup': { name: 'signup' },
  '/upload': { name: 'upload' },
  '/search': { name: 'search' },
  '/inbox': { name: 'inbox' },
  '/messages': { name: 'messages' },
  '/live': { name: 'live' },
  '/go-live': { name: 'go-live' },
  '/shop': { name: 'shop' },
};

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const simple = SIMPLE[path];
  if (simple) return simple;
  const video = /^\/v\/([^/]+)$/.exec(path);
  if (video?.[1]) return { name: 'video', id: decode(video[1]) };
  const tag = /^\/tag\/([^/]+)$/.exec(path);
  if (tag?.[1]) return { name: 'tag', tag: decode(tag[1]).toLowerCase() };
  const stream = /^\/live\/([^/]+)$/.exec(path);
  if (stream?.[1]) return { name: 'live-stream', id: decode(stream[1]) };
  const sound = /^\/sound\/([^/]+)$/.exec(path);
  if (sound?.[1]) return { name: 'sound', id: decode(sound[1]) };
  const conversation = /^\/messages\/([^/]+)$/.exec(path);
  if (conversation?.[1]) return { name: 'conversation', id: decode(conversation[1]) };
  const profile = /^\/@([^/]+)$/.exec(path);
  if (profile?.[1]) return { name: 'profile', username: decode(profile[1]).toLowerCase() };
  return { name: 'not-found' };
}

const TITLES: Partial<Record<Route['name'], string>> = {
  following: 'Following',
  login: 'Log in',
  signup: 'Sign up',
  upload: 'Upload',
  search: 'Discover',
  inbox: 'Inbox',
  messages: 'Messages',
  conversation: 'Messages',
  sound: 'Sound',
  live: 'LIVE',
  'live-stream': 'LIVE',
  'go-live': 'Go LIVE',
  shop: 'Shop',
  'not-found': 'Not found',
};

function titleFor(route: Route): string {
  if (route.name === 'profile') return `@${route.username} · Looply`;
  if (route.name === 'tag') return `#${route.tag} · Looply`;
  const title = TITLES[route.name];
  return title ? `${title} · Looply` : 'Looply';
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFound() {
  return (
    <main className="page">
      <section className="empty">
        <h1>Page not found</h1>
        <p>There's nothing at this address.</p>
        <Link to="/" className="button primary">
          Go to the feed
        </Link>
      </section>
    </main>
  );
}

type RouteNamed<N extends Route['name']> = Extract<Route, { name: N }>;

/** Each route's page; one that shows one thing is keyed by it, so going to another starts the page afresh. */
const PAGES: { [N in Route['name']]: (route: RouteNamed<N>) => ReactNode } = {
  feed: () => <Feed kind="fyp" />,
  following: () => <Feed kind="following" />,
  login: () => <AuthForm mode="login" />,
  signup: () => <AuthForm mode="signup" />,
  upload: () => <Upload />,
  search: () => <SearchPage />,
  inbox: () => <InboxPage />,
  messages: () => <ConversationList />,
  conversation: (route) => <ConversationPage key={route.id} id={route.id} />,
  live: () => <LiveListPage />,
  'live-stream': (route) => <WatchPage key={route.id} id={route.id} />,
  'go-live': () => <GoLivePage />,
  shop: () => (
    <ComingSoon title="Shop" icon={<ShopIcon />}>
      Products from the creators you watch, bought without leaving the video.
    </ComingSoon>
  ),
  tag: (route) => <TagPage key={route.tag} name={route.tag} />,
  sound: (route) => <SoundPage key={route.id} id={route.id} />,
  video: (route) => <VideoPage key={route.id} id={route.id} />,
  profile: (route) => <Profile key={route.username} username={route.username} />,
  'not-found': () => <NotFound />,
};

/** Pages for a signed-in person; anyone else is sent to log in. */
const ACCOUNT_PAGES = new Set<Route['name']>(['upload', 'inbox', 'messages', 'conversation', 'go-live']);

function pageFor<N extends Route['name']>(route: RouteNamed<N>): ReactNode {
  return PAGES[route.name](route);
}

export function App() {
  const { pathname } = useLocation();
  const signedIn = useSession() !== null;
  const route = matchRoute(pathname);
  useLiveConnection();

  useEffect(() => {
    if (route.name !== 'video' && route.name !== 'live-stream') document.title = titleFor(route);
  });

  const needsAccount = ACCOUNT_PAGES.has(route.name) && !signedIn;
  const page = needsAccount ? <Redirect to="/login" /> : pageFor(route);

  return (
    <div className="app">
      <SideNav pathname={pathname} />
      <div className="column">
        {/* First in the DOM so keyboard users reach it before an endless feed; CSS pins it to the bottom. */}
        <NavBar pathname={pathname} />
        <ErrorBoundary key={pathname}>{page}</ErrorBoundary>
        <div id="overlay-root" className="overlay-root" />
        <Toast />
      </div>
    </div>
  );
}
