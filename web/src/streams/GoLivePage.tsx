/**
 * /go-live: set up a LIVE (title, who may watch, replay), see the camera, start it — from this camera over the
 * ingest WebSocket, or from OBS with the RTMP URL and key — then host it with the chat and gifts beside the
 * picture, and end it.
 */
import { useCallback, useState } from 'react';
import type { LiveStarted } from '../api/types.ts';
import { ApiError, errorMessage, startLive } from '../api.ts';
import { showToast } from '../toast.ts';
import { ingestMimeType } from './browserIngest.ts';
import { CameraPreview } from './CameraPreview.tsx';
import { GoLiveForm, type GoLiveSettings, type LiveSource } from './GoLiveForm.tsx';
import { HostConsole } from './HostConsole.tsx';
import { useCamera } from './useCamera.ts';

/**
 * `replay` is sent only when asked for: a server from before replays refuses the field (400), and then the LIVE
 * starts without one, saying so.
 */
async function startWithReplay({ title, visibility, replay }: GoLiveSettings): Promise<LiveStarted> {
  if (!replay) return startLive({ title, visibility });
  try {
    return await startLive({ title, visibility, replay });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    const live = await startLive({ title, visibility });
    showToast("Replays aren't available on this server yet: this LIVE won't be saved.", 5000);
    return live;
  }
}

export function GoLivePage() {
  const [started, setStarted] = useState<{ live: LiveStarted; source: LiveSource } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cameraPossible = ingestMimeType() !== null && Boolean(navigator.mediaDevices?.getUserMedia);
  const camera = useCamera(cameraPossible && (started === null || started.source === 'camera'));

  const start = useCallback(async (settings: GoLiveSettings) => {
    setBusy(true);
    setError(null);
    try {
      const live = await startWithReplay(settings);
      setStarted({ live, source: settings.source });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }, []);

  return (
    <main className="page go-live-page" data-testid="go-live-page">
      <header className="page-header">
        <h1>Go LIVE</h1>
      </header>
      {started ? (
        <HostConsole started={started.live} source={started.source} camera={camera} />
      ) : (
        <>
          {cameraPossible && <CameraPreview camera={camera} />}
          <GoLiveForm busy={busy} error={error} cameraPossible={cameraPossible} onStart={start} />
        </>
      )}
    </main>
  );
}
