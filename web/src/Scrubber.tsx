/**
 * The thin progress bar at the bottom of a video, and a seek slider: drag (or click) to scrub with a preview
 * frame from the video's sprite map above the finger; Left/Right arrow keys step two seconds when it has focus.
 */
import { type KeyboardEvent, type PointerEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { formatDuration } from './format.ts';
import { cueAt, loadSprite, type SpriteCue } from './sprite.ts';

interface Props {
  videoRef: RefObject<HTMLVideoElement | null>;
  /** Set by the item on every timeupdate: the fill is moved without a React render. */
  fillRef: RefObject<HTMLDivElement | null>;
  spriteVtt: string | null;
  durationMs: number | null;
  /** Only the item on screen can be scrubbed (and reached with Tab). */
  enabled: boolean;
}

interface Preview {
  x: number;
  time: number;
  cue: SpriteCue | null;
}

const STEP_S = 2;

export function Scrubber({ videoRef, fillRef, spriteVtt, durationMs, enabled }: Props) {
  const barRef = useRef<HTMLDivElement>(null);
  const [cues, setCues] = useState<SpriteCue[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    if (!enabled || !spriteVtt) return;
    let live = true;
    void loadSprite(spriteVtt).then((loaded) => {
      if (live) setCues(loaded);
    });
    return () => {
      live = false;
    };
  }, [enabled, spriteVtt]);

  const duration = () => {
    const el = videoRef.current;
    if (el && Number.isFinite(el.duration) && el.duration > 0) return el.duration;
    return (durationMs ?? 0) / 1000;
  };

  const timeAt = (clientX: number) => {
    const rect = barRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return { x: 0, time: 0 };
    const x = Math.min(rect.width, Math.max(0, clientX - rect.left));
    return { x, time: (x / rect.width) * duration() };
  };

  const show = (clientX: number) => {
    const { x, time } = timeAt(clientX);
    setPreview({ x, time, cue: cueAt(cues, time) });
    if (fillRef.current && duration() > 0) fillRef.current.style.transform = `scaleX(${time / duration()})`;
    return time;
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!enabled) return;
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    show(e.clientX);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (preview) show(e.clientX);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!preview) return;
    const time = show(e.clientX);
    const el = videoRef.current;
    if (el && Number.isFinite(time)) el.currentTime = time;
    setPreview(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = videoRef.current;
    if (!el) return;
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = el.currentTime + STEP_S;
    else if (e.key === 'ArrowLeft') next = el.currentTime - STEP_S;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = duration() - 0.5;
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    el.currentTime = Math.max(0, Math.min(duration(), next));
  };

  const total = Math.round(duration());
  return (
    <div
      ref={barRef}
      className={preview ? 'scrubber scrubbing' : 'scrubber'}
      role="slider"
      tabIndex={enabled ? 0 : -1}
      aria-label="Seek"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={Math.round(preview?.time ?? videoRef.current?.currentTime ?? 0)}
      aria-valuetext={formatDuration((preview?.time ?? videoRef.current?.currentTime ?? 0) * 1000)}
      data-testid="scrubber"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setPreview(null)}
      onKeyDown={onKeyDown}
    >
      <div className="scrubber-track">
        <div ref={fillRef} className="scrubber-fill" />
      </div>
      {preview && (
        <div className="scrub-preview" style={{ left: preview.x }} aria-hidden="true">
          {preview.cue && (
            <div
              className="scrub-frame"
              style={{
                width: preview.cue.w,
                height: preview.cue.h,
                backgroundImage: `url("${preview.cue.url}")`,
                backgroundPosition: `-${preview.cue.x}px -${preview.cue.y}px`,
              }}
            />
          )}
          <span>
            {formatDuration(preview.time * 1000)} / {formatDuration(duration() * 1000)}
          </span>
        </div>
      )}
    </div>
  );
}
