/** Where OBS (or any RTMP app) sends the stream: the server URL and the secret key, hidden until asked for. */
import { useState } from 'react';
import { showToast } from '../toast.ts';

function CopyButton({ value, what }: { value: string; what: string }) {
  const copy = () =>
    navigator.clipboard
      ?.writeText(value)
      .then(() => showToast(`${what} copied`))
      .catch(() => showToast(`Couldn't copy the ${what.toLowerCase()}`));
  return (
    <button type="button" className="pill" onClick={() => void copy()}>
      Copy
    </button>
  );
}

export function ObsDetails({ rtmpUrl, streamKey }: { rtmpUrl: string | null; streamKey: string }) {
  const [revealed, setRevealed] = useState(false);
  if (!rtmpUrl) return <p className="muted">This server takes no RTMP streams (OBS); go live from the camera.</p>;
  return (
    <section className="obs-details" aria-label="Stream from OBS">
      <h2>Stream from OBS</h2>
      <p className="hint">Settings → Stream → Service: Custom. Paste the server and the key; keep the key secret.</p>
      <dl>
        <div>
          <dt>Server</dt>
          <dd>
            <code data-testid="rtmp-url">{rtmpUrl}</code>
            <CopyButton value={rtmpUrl} what="Server URL" />
          </dd>
        </div>
        <div>
          <dt>Stream key</dt>
          <dd>
            <code data-testid="stream-key">{revealed ? streamKey : '•'.repeat(16)}</code>
            <button
              type="button"
              className="pill"
              data-testid="reveal-key"
              aria-pressed={revealed}
              onClick={() => setRevealed((r) => !r)}
            >
              {revealed ? 'Hide' : 'Show'}
            </button>
            <CopyButton value={streamKey} what="Stream key" />
          </dd>
        </div>
      </dl>
    </section>
  );
}
