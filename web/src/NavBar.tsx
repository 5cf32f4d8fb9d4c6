/**
 * Navigation. On a phone: the bottom bar (Home, Discover, Upload, Inbox, Profile). On a wide screen: a sidebar with
 * an entry per area (For You, Following, Discover, LIVE, Shop, Inbox, Messages, Upload, Profile) instead.
 */
import { useCurrentUser } from './auth.ts';
import { InstallButton } from './InstallButton.tsx';
import {
  BellIcon,
  CompassIcon,
  HomeIcon,
  InboxIcon,
  LiveIcon,
  MessageIcon,
  PlusIcon,
  ShopIcon,
  UserIcon,
} from './icons.tsx';
import { useUnreadCount } from './live.ts';
import { Link } from './router.tsx';

const current = (on: boolean) => (on ? ('page' as const) : undefined);

function Badge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="nav-badge" data-testid="unread-badge">
      {count > 99 ? '99+' : count}
      <span className="sr-only"> unread</span>
    </span>
  );
}

export function NavBar({ pathname }: { pathname: string }) {
  const user = useCurrentUser();
  const unread = useUnreadCount();
  const profilePath = user ? `/@${user.username}` : '/login';
  const onAuth = pathname === '/login' || pathname === '/signup';
  const inInbox = pathname === '/inbox' || pathname.startsWith('/messages');

  return (
    <nav className="navbar" aria-label="Main">
      <Link
        to="/"
        className="nav-link"
        data-testid="nav-home"
        aria-current={current(pathname === '/' || pathname === '/following')}
      >
        <HomeIcon />
        <span>Home</span>
      </Link>
      <Link
        to="/search"
        className="nav-link"
        data-testid="nav-discover"
        aria-current={current(pathname === '/search' || pathname.startsWith('/tag/'))}
      >
        <CompassIcon />
        <span>Discover</span>
      </Link>
      <Link to="/upload" className="nav-link" data-testid="nav-upload" aria-current={current(pathname === '/upload')}>
        <span className="nav-plus">
          <PlusIcon />
        </span>
        <span className="sr-only">Upload</span>
      </Link>
      <Link
        to={user ? '/inbox' : '/login'}
        className="nav-link"
        data-testid="nav-inbox"
        aria-current={current(inInbox)}
      >
        <span className="nav-icon">
          <InboxIcon />
          <Badge count={unread} />
        </span>
        <span>Inbox</span>
      </Link>
      <Link
        to={profilePath}
        className="nav-link"
        data-testid="nav-profile"
        aria-current={current(user ? pathname === profilePath : onAuth)}
      >
        <UserIcon />
        <span>{user ? 'Profile' : 'Log in'}</span>
      </Link>
    </nav>
  );
}

export function SideNav({ pathname }: { pathname: string }) {
  const user = useCurrentUser();
  const unread = useUnreadCount();
  const profilePath = user ? `/@${user.username}` : '/login';
  const entries = [
    { to: '/', label: 'For You', icon: <HomeIcon />, on: pathname === '/' },
    { to: '/following', label: 'Following', icon: <UserIcon />, on: pathname === '/following' },
    {
      to: '/search',
      label: 'Discover',
      icon: <CompassIcon />,
      on: pathname === '/search' || pathname.startsWith('/tag/'),
    },
    {
      to: '/live',
      label: 'LIVE',
      icon: <LiveIcon />,
      on: pathname === '/live' || pathname.startsWith('/live/') || pathname === '/go-live',
    },
    { to: '/shop', label: 'Shop', icon: <ShopIcon />, on: pathname === '/shop' },
    { to: user ? '/inbox' : '/login', label: 'Inbox', icon: <BellIcon />, on: pathname === '/inbox', badge: unread },
    {
      to: user ? '/messages' : '/login',
      label: 'Messages',
      icon: <MessageIcon />,
      on: pathname.startsWith('/messages'),
    },
    { to: '/upload', label: 'Upload', icon: <PlusIcon />, on: pathname === '/upload' },
    { to: profilePath, label: user ? 'Profile' : 'Log in', icon: <UserIcon />, on: pathname === profilePath },
  ];
  return (
    <nav className="sidenav" aria-label="Sections">
      <Link to="/" className="sidenav-brand" aria-label="Looply home">
        <img src="/icons/icon.svg" alt="" width={32} height={32} />
        <span>Looply</span>
      </Link>
      <ul>
        {entries.map((e) => (
          <li key={e.label}>
            <Link to={e.to} className="sidenav-link" aria-current={current(e.on)}>
              <span className="nav-icon">
                {e.icon}
                {e.badge ? <Badge count={e.badge} /> : null}
              </span>
              <span>{e.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      <InstallButton className="sidenav-link install" />
    </nav>
  );
}
