/** The stream's picture at the live edge, muted until a tap (browsers only autoplay muted video). */
import { useEffect, useRef, useState } from 'react';
import { VolumeOffIcon, VolumeOnIcon } from '../icons.tsx';
import { attachLiveHls } from './lowLatencyPlayer.ts';

export function LivePlayer({ src, onEnded }: { src: string; onEnded: () => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [muted, setMuted] = useState(true);
  const endedRef = useRef(onEnded);
  endedRef.current = onEnded;

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    setError(null);
    const handle = attachLiveHls(video, src, setError);
    const ended = () => endedRef.current();
    video.addEventListener('ended', ended);
    void video.play().catch(() => {});
    return () => {
      video.removeEventListener('ended', ended);
      handle.detach();
    };
  }, [src]);

  return (
    <div className="live-player">
      <video ref={videoRef} data-testid="live-video" playsInline autoPlay muted={muted} />
      {error && (
        <p className="live-player-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="icon-button live-mute"
        aria-label={muted ? 'Unmute' : 'Mute'}
        onClick={() => setMuted((m) => !m)}
      >
        {muted ? <VolumeOffIcon /> : <VolumeOnIcon />}
      </button>
    </div>
  );
}
