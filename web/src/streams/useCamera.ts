/** The camera and microphone while `on` (getUserMedia), released when the page goes or `on` turns false. */
import { useEffect, useState } from 'react';

export type Camera =
  | { status: 'off' | 'asking' }
  | { status: 'ready'; stream: MediaStream }
  | { status: 'error'; message: string };

function cameraError(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError') return 'Looply may not use your camera. Allow it in the browser and try again.';
  if (name === 'NotFoundError') return 'No camera or microphone was found.';
  if (name === 'NotReadableError') return 'The camera is in use by another app.';
  return "Couldn't start the camera.";
}

export function useCamera(on: boolean): Camera {
  const [camera, setCamera] = useState<Camera>({ status: 'off' });
  useEffect(() => {
    if (!on) {
      setCamera({ status: 'off' });
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera({ status: 'error', message: 'This browser cannot use a camera here (it needs https).' });
      return;
    }
    let stream: MediaStream | null = null;
    let gone = false;
    setCamera({ status: 'asking' });
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 360 } }, audio: true })
      .then((media) => {
        if (gone) {
          for (const track of media.getTracks()) track.stop();
          return;
        }
        stream = media;
        setCamera({ status: 'ready', stream: media });
      })
      .catch((err: unknown) => {
        if (!gone) setCamera({ status: 'error', message: cameraError(err) });
      });
    return () => {
      gone = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [on]);
  return camera;
}
