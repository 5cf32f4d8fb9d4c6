/** What the camera sees, mirrored like a selfie and muted (the host should not hear themselves). */
import { useEffect, useRef } from 'react';
import type { Camera } from './useCamera.ts';

export function CameraPreview({ camera }: { camera: Camera }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const stream = camera.status === 'ready' ? camera.stream : null;
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => {});
  }, [stream]);

  return (
    <div className="camera-preview">
      <video ref={videoRef} data-testid="camera-preview" playsInline autoPlay muted />
      {camera.status === 'asking' && <p className="camera-note">Starting the camera…</p>}
      {camera.status === 'error' && (
        <p className="camera-note" role="alert">
          {camera.message}
        </p>
      )}
    </div>
  );
}
