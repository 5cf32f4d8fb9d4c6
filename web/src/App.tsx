/** Routes (History API) inside a centred 9:16 column, with the bottom nav and toasts on top. */
import { type ReactNode, useEffect } from 'react';
import { AuthForm } from './AuthForm.tsx';
import { useSession } from './auth.ts';
import { Feed } from './Feed.tsx';
import { NavBar } from './NavBar.tsx';
import { Profile } from './Profile.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { Toast } from './Toast.tsx';
import { Upload } from './Upload.tsx';
import { VideoPage } from './VideoPage.tsx';

type Route =
  | { name: 'feed' }
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'upload' }
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

function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/') return { name: 'feed' };
  if (path === '/login') return { name: 'login' };
  if (path === '/signup') return { name: 'signup' };
  if (path === '/upload') return { name: 'upload' };
  const video = /^\/v\/([^/]+)$/.exec(path);
  if (video?.[1]) return { name: 'video', id: decode(video[1]) };
  const profile = /^\/@([^/]+)$/.exec(path);
  if (profile?.[1]) return { name: 'profile', username: decode(profile[1]).toLowerCase() };
  return { name: 'not-found' };
}

function titleFor(route: Route): string {
  switch (route.name) {
    case 'login':
      return 'Log in · Looply';
    case 'signup':
      return 'Sign up · Looply';
    case 'upload':
      return 'Upload · Looply';
    case 'profile':
      return `@${route.username} · Looply`;
    case 'not-found':
      return 'Not found · Looply';
    default:
      return 'Looply';
  }
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

export function App() {
  const { pathname } = useLocation();
  const signedIn = useSession() !== null;
  const route = matchRoute(pathname);

  useEffect(() => {
    document.title = titleFor(route);
  });

  let page: ReactNode;
  switch (route.name) {
    case 'feed':
      page = <Feed />;
      break;
    case 'login':
    case 'signup':
      page = <AuthForm mode={route.name} />;
      break;
    case 'upload':
      page = signedIn ? <Upload /> : <Redirect to="/login" />;
      break;
    case 'video':
      page = <VideoPage key={route.id} id={route.id} />;
      break;
    case 'profile':
      page = <Profile key={route.username} username={route.username} />;
      break;
    default:
      page = <NotFound />;
  }

  return (
    <div className="app">
      <div className="column">
        {/* First in the DOM so keyboard users reach it before an endless feed; CSS pins it to the bottom. */}
        <NavBar pathname={pathname} />
        {page}
        <Toast />
      </div>
    </div>
  );
}
