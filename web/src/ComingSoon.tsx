/** Shop: in the navigation already, with a page that says what is coming. */
import type { ReactNode } from 'react';
import { Link } from './router.tsx';

export function ComingSoon({ title, icon, children }: { title: string; icon: ReactNode; children: ReactNode }) {
  return (
    <main className="page">
      <section className="empty coming-soon">
        <div className="coming-icon" aria-hidden="true">
          {icon}
        </div>
        <h1>{title} — coming soon</h1>
        <p>{children}</p>
        <Link to="/" className="button primary">
          Back to the feed
        </Link>
      </section>
    </main>
  );
}
