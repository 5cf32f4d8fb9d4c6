/** The top of a page one reaches from another: a back button, then the page's title and whatever goes with it. */
import type { ReactNode } from 'react';
import { BackIcon } from '../icons.tsx';
import { goBack } from '../router.tsx';

/** Back where the person came from, or to `fallback` when they arrived here directly. */
export function BackButton({ fallback, className = 'icon-button plain' }: { fallback: string; className?: string }) {
  return (
    <button type="button" className={className} aria-label="Back" onClick={() => goBack(fallback)}>
      <BackIcon />
    </button>
  );
}

export function PageHeader({ back, children }: { back: string; children: ReactNode }) {
  return (
    <header className="page-header">
      <BackButton fallback={back} />
      {children}
    </header>
  );
}
