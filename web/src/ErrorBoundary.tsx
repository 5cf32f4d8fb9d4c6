/** Never a blank screen: a page that throws while rendering shows what happened and a way on. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Looply page error', error, info.componentStack);
  }

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="page">
        <section className="empty" role="alert">
          <h1>Something went wrong on this page</h1>
          <p>Reload to try again. If it keeps happening, the rest of Looply still works.</p>
          <div className="row">
            <button type="button" className="button primary" onClick={() => window.location.reload()}>
              Reload
            </button>
            <a href="/" className="button">
              Go to the feed
            </a>
          </div>
        </section>
      </main>
    );
  }
}
