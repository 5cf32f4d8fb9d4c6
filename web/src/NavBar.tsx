/** The bottom navigation: Home, Upload (+), and Profile (or Log in for visitors). */
import { useCurrentUser } from './auth.ts';
import { HomeIcon, PlusIcon, UserIcon } from './icons.tsx';
import { Link } from './router.tsx';

export function NavBar({ pathname }: { pathname: string }) {
  const user = useCurrentUser();
  const profilePath = user ? `/@${user.username}` : '/login';
  const current = (on: boolean) => (on ? ('page' as const) : undefined);
  const onAuth = pathname === '/login' || pathname === '/signup';

  return (
    <nav className="navbar" aria-label="Main">
      <Link to="/" className="nav-link" data-testid="nav-home" aria-current={current(pathname === '/')}>
        <HomeIcon />
        <span>Home</span>
      </Link>
      <Link to="/upload" className="nav-link" data-testid="nav-upload" aria-current={current(pathname === '/upload')}>
        <span className="nav-plus">
          <PlusIcon />
        </span>
        <span className="sr-only">Upload</span>
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
