/**
 * /go-live: set up a LIVE (title, who may watch, replay), see the camera, start it — from this camera over the
 * ingest WebSocket, or from OBS with the RTMP URL and key — then host it with the chat and gifts beside the
 * picture, and end it.
 */
import { useCallback, useState } from 'react';
import type { LiveStarted } from '../api/types.ts';
import { errorMessage, startLive } from '../api.ts';
import { ingestMimeType } from './browserIngest.ts';
import { CameraPreview } from './CameraPreview.tsx';
import { GoLiveForm, type GoLiveSettings, type LiveSource } from './GoLiveForm.tsx';
import { HostConsole } from './HostConsole.tsx';
import { useCamera } from './useCamera.ts';

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
      const live = await startLive({ title: settings.title, visibility: settings.visibility, replay: settings.replay });
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
