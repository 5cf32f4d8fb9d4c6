/**
 * /upload: pick or drop a video, preview it with the edits applied (trim, speed, filter, text), write the caption,
 * choose who sees it and what others may do with it, maybe schedule it; then upload it resumably (pause, resume,
 * survive a dropped connection) and follow processing until it is ready.
 */
import { type DragEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import type { Visibility } from './api/types.ts';
import { ApiError, errorMessage, getVideo, isAbort, updateVideo } from './api.ts';
import { invalidateFeed } from './feedCache.ts';
import { formatDuration, parseHashtags } from './format.ts';
import { type ResumableTransfer, sendFile, startResumableUpload, type VideoDetails } from './resumableUpload.ts';
import { Link, useLocation } from './router.tsx';
import { CheckField, type Choice, ChoicePills, CountedTextArea, Field, FormError } from './ui/form.tsx';

const CAPTION_MAX = 2200;
const TEXT_MAX = 100;
const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
export const FILTERS = ['none', 'mono', 'warm', 'cool', 'vivid', 'vintage'] as const;
export type Filter = (typeof FILTERS)[number];

const SPEED_CHOICES: Choice<number>[] = SPEEDS.map((speed) => ({ value: speed, label: `${speed}×` }));
const FILTER_CHOICES: Choice<Filter>[] = FILTERS.map((filter) => ({
  value: filter,
  label: filter === 'none' ? 'Original' : filter[0]?.toUpperCase() + filter.slice(1),
}));
const VISIBILITY_CHOICES: Choice<Visibility>[] = [
  { value: 'public', label: 'Everyone' },
  { value: 'friends', label: 'Friends' },
  { value: 'private', label: 'Only me' },
];

/** CSS approximations of the server's colour filters, for the preview only. */
const FILTER_CSS: Record<Filter, string> = {
  none: 'none',
  mono: 'grayscale(1)',
  warm: 'sepia(0.25) saturate(1.25) hue-rotate(-8deg)',
  cool: 'saturate(1.1) hue-rotate(12deg) brightness(1.03)',
  vivid: 'saturate(1.6) contrast(1.1)',
  vintage: 'sepia(0.55) contrast(0.9) brightness(1.05)',
};

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; fraction: number; paused: boolean; offline: boolean }
  | { kind: 'processing'; id: string; progress: number; note?: string }
  | { kind: 'ready'; id: string; scheduled: string | null }
  | { kind: 'failed'; message: string };

function statusText(phase: Phase): string {
  switch (phase.kind) {
    case 'uploading': {
      const pct = Math.round(phase.fraction * 100);
      if (phase.offline) return `Connection lost at ${pct}% — the upload continues when you are back online.`;
      return phase.paused ? `Paused at ${pct}%` : `Uploading… ${pct}%`;
    }
    case 'processing':
      return `Processing… ${Math.round(phase.progress)}%${phase.note ? ` — ${phase.note}` : ''}`;
    case 'ready':
      return phase.scheduled
        ? `Ready — it will be published ${new Date(phase.scheduled).toLocaleString()}.`
        : 'Ready — your video is live.';
    case 'failed':
      return `Failed: ${phase.message}`;
    default:
      return '';
  }
}

function percent(phase: Phase): number | null {
  if (phase.kind === 'uploading') return Math.round(phase.fraction * 100);
  if (phase.kind === 'processing') return Math.round(phase.progress);
  if (phase.kind === 'ready') return 100;
  return null;
}

/** `<input type="datetime-local">` value (local time) → ISO 8601 with offset, as the API wants it. */
function toIso(local: string): string | null {
  if (!local) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

interface Edits {
  trimStart: number;
  trimEnd: number | null;
  speed: number;
  filter: Filter;
  text: string;
}

/** The upload fields for the edits: only what differs from the original is sent. */
export function editFields(edits: Edits, durationS: number | null): Record<string, string | number> {
  const fields: Record<string, string | number> = {};
  const startMs = Math.round(edits.trimStart * 1000);
  const endMs = edits.trimEnd === null ? null : Math.round(edits.trimEnd * 1000);
  const full = durationS === null ? null : Math.round(durationS * 1000);
  if (startMs > 0) fields.trim_start_ms = startMs;
  if (endMs !== null && (full === null || endMs < full - 50)) fields.trim_end_ms = endMs;
  if (edits.speed !== 1) fields.speed = edits.speed;
  if (edits.filter !== 'none') fields.filter = edits.filter;
  if (edits.text.trim()) fields.text_overlay = edits.text.trim();
  return fields;
}

/** One end of the trim, in seconds of a video `length` seconds long. */
function TrimSlider({
  label,
  at,
  length,
  testId,
  onChange,
}: {
  label: string;
  at: number;
  length: number;
  testId: string;
  onChange: (at: number) => void;
}) {
  return (
    <Field label={`${label} ${formatDuration(at * 1000)}`}>
      <input
        type="range"
        min={0}
        max={length}
        step={0.1}
        value={at}
        data-testid={testId}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </Field>
  );
}

export function Upload() {
  const { search } = useLocation();
  const soundId = new URLSearchParams(search).get('sound');
  const [file, setFile] = useState<File | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [duration, setDuration] = useState<number | null>(null);
  const [edits, setEdits] = useState<Edits>({ trimStart: 0, trimEnd: null, speed: 1, filter: 'none', text: '' });
  const [caption, setCaption] = useState('');
  const [hashtags, setHashtags] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [allowDownload, setAllowDownload] = useState(true);
  const [allowDuet, setAllowDuet] = useState(true);
  const [allowStitch, setAllowStitch] = useState(true);
  const [schedule, setSchedule] = useState('');
  const [useSound, setUseSound] = useState(soundId !== null);
  const [dragging, setDragging] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [formError, setFormError] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const transfer = useRef<ResumableTransfer | null>(null);
  const statusRef = useRef<HTMLElement>(null);
  const previewRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    setDuration(null);
    if (!file) {
      setPreviewUrl(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreviewUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  // The preview plays the trimmed part at the chosen speed.
  useEffect(() => {
    const el = previewRef.current;
    if (el) el.playbackRate = edits.speed;
  }, [edits.speed]);

  const onPreviewTime = () => {
    const el = previewRef.current;
    if (!el) return;
    const end = edits.trimEnd ?? el.duration;
    if (el.currentTime >= end - 0.05 || el.currentTime < edits.trimStart - 0.25) el.currentTime = edits.trimStart;
  };

  // Leaving the page gives the upload up: the server deletes it and its video.
  useEffect(() => () => void transfer.current?.cancel(), []);

  // Bring the status card into view when an upload starts, finishes processing or fails.
  const phaseKind = phase.kind;
  useEffect(() => {
    if (phaseKind !== 'idle') statusRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [phaseKind]);

  // Poll the video about once a second until processing ends.
  const processingId = phase.kind === 'processing' ? phase.id : null;
  useEffect(() => {
    if (!processingId) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const tick = async () => {
      try {
        const video = await getVideo(processingId, ctrl.signal);
        failures = 0;
        if (video.status === 'ready') {
          invalidateFeed(); // so Home fetches a feed that can include the new video
          const later = video.publish_at && Date.parse(video.publish_at) > Date.now() ? video.publish_at : null;
          setPhase({ kind: 'ready', id: video.id, scheduled: later });
          return;
        }
        if (video.status === 'failed' || video.status === 'removed') {
          const fallback = video.status === 'removed' ? 'This video was removed.' : "We couldn't process this video.";
          setPhase({ kind: 'failed', message: video.error?.message ?? fallback });
          return;
        }
        setPhase({ kind: 'processing', id: processingId, progress: video.progress });
      } catch (err) {
        if (isAbort(err)) return;
        if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
          setPhase({ kind: 'failed', message: err.message });
          return;
        }
        failures += 1;
        setPhase((p) => (p.kind === 'processing' ? { ...p, note: 'connection trouble, still checking' } : p));
      }
      timer = setTimeout(tick, failures ? Math.min(8000, 1000 * 2 ** failures) : 1000);
    };
    timer = setTimeout(tick, 1000);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [processingId]);

  const pick = (next: File | null) => {
    if (next && !next.type.startsWith('video/') && next.type !== '') {
      setFormError('That is not a video file. Choose an MP4, MOV or WebM.');
      return;
    }
    setFile(next);
    setEdits({ trimStart: 0, trimEnd: null, speed: 1, filter: 'none', text: '' });
    setFormError(null);
  };

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    if (phase.kind === 'uploading' || phase.kind === 'processing') return;
    pick(e.dataTransfer.files[0] ?? null);
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (phase.kind === 'uploading' || phase.kind === 'processing') return;
    if (!file) {
      setFormError('Choose a video to upload.');
      return;
    }
    if (caption.length > CAPTION_MAX) {
      setFormError(`Captions can be at most ${CAPTION_MAX} characters.`);
      return;
    }
    const scheduledAt = toIso(schedule);
    if (schedule && (!scheduledAt || Date.parse(scheduledAt) <= Date.now())) {
      setFormError('Choose a publishing time in the future.');
      return;
    }
    setFormError(null);
    setPhase({ kind: 'uploading', fraction: 0, paused: false, offline: false });
    const updateUploading = (change: Partial<Extract<Phase, { kind: 'uploading' }>>) =>
      setPhase((p) => (p.kind === 'uploading' ? { ...p, ...change } : p));
    let current: ResumableTransfer | null = null;
    try {
      const details: VideoDetails = {
        caption: caption.trim(),
        hashtags: parseHashtags(hashtags),
        ...editFields(edits, duration),
        allow_download: allowDownload,
        allow_duet: allowDuet,
        allow_stitch: allowStitch,
      };
      if (scheduledAt) details.scheduled_publish_at = scheduledAt;
      if (useSound && soundId) details.sound_id = soundId;
      const started = await startResumableUpload(details, file);
      // Who may see it is set before a byte is sent, so it is never public by accident.
      if (visibility !== 'public') await updateVideo(started.video_id, { visibility });
      current = sendFile(file, started.upload_url, {
        onProgress: (fraction) => updateUploading({ fraction, offline: false }),
        onInterrupted: () => updateUploading({ offline: true }),
      });
      transfer.current = current;
      await current.done;
      setPhase({ kind: 'processing', id: started.video_id, progress: 0 });
    } catch (err) {
      setPhase(isAbort(err) ? { kind: 'idle' } : { kind: 'failed', message: errorMessage(err) });
    } finally {
      if (current && transfer.current === current) transfer.current = null;
    }
  };

  const pause = () => {
    transfer.current?.pause();
    setPhase((p) => (p.kind === 'uploading' ? { ...p, paused: true } : p));
  };
  const resume = () => {
    transfer.current?.resume();
    setPhase((p) => (p.kind === 'uploading' ? { ...p, paused: false, offline: false } : p));
  };

  const reset = () => {
    setFile(null);
    setCaption('');
    setHashtags('');
    setSchedule('');
    setVisibility('public');
    setPhase({ kind: 'idle' });
    setFormError(null);
    setInputKey((k) => k + 1);
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const locked = busy || phase.kind === 'ready';
  const pct = percent(phase);
  const trimEnd = edits.trimEnd ?? duration ?? 0;
  const published = duration !== null ? Math.max(0, trimEnd - edits.trimStart) / edits.speed : null;
  const setEdit = (change: Partial<Edits>) => setEdits((e) => ({ ...e, ...change }));

  return (
    <main className="page upload-page">
      <h1>Upload video</h1>
      {phase.kind !== 'idle' && (
        <section
          ref={statusRef}
          className="upload-status"
          data-testid="upload-status"
          data-status={phase.kind}
          aria-live="polite"
          aria-label="Upload status"
        >
          <p className={phase.kind === 'failed' ? 'form-error' : undefined}>{statusText(phase)}</p>
          {pct !== null && (
            <div
              className="progress"
              role="progressbar"
              aria-label={phase.kind === 'uploading' ? 'Upload progress' : 'Processing progress'}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
            >
              <div style={{ width: `${pct}%` }} />
            </div>
          )}
          {phase.kind === 'uploading' && (
            <div className="row">
              {phase.paused || phase.offline ? (
                <button type="button" className="button" onClick={resume} data-testid="upload-resume">
                  Resume
                </button>
              ) : (
                <button type="button" className="button" onClick={pause} data-testid="upload-pause">
                  Pause
                </button>
              )}
              <button type="button" className="button ghost" onClick={() => void transfer.current?.cancel()}>
                Cancel upload
              </button>
            </div>
          )}
          {phase.kind === 'ready' && (
            <div className="row">
              <Link to={`/v/${encodeURIComponent(phase.id)}`} className="button primary" data-testid="upload-watch">
                Watch it
              </Link>
              <button type="button" className="button" onClick={reset}>
                Upload another
              </button>
            </div>
          )}
        </section>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="upload-fields" disabled={locked}>
          <legend className="sr-only">Video details</legend>
          <input
            key={inputKey}
            id="upload-file"
            className="sr-only file-input"
            type="file"
            accept="video/*"
            data-testid="upload-file"
            onChange={(e) => pick(e.target.files?.[0] ?? null)}
          />
          {previewUrl ? (
            <div className="upload-preview">
              <div className="preview-frame">
                <video
                  ref={previewRef}
                  src={previewUrl}
                  muted
                  autoPlay
                  playsInline
                  loop
                  style={{ filter: FILTER_CSS[edits.filter] }}
                  aria-label="Preview of the selected video with your edits"
                  onLoadedMetadata={(e) => {
                    const d = e.currentTarget.duration;
                    if (Number.isFinite(d)) setDuration(d);
                    e.currentTarget.playbackRate = edits.speed;
                  }}
                  onTimeUpdate={onPreviewTime}
                />
                {edits.text.trim() && <p className="preview-text">{edits.text}</p>}
              </div>
              <label htmlFor="upload-file" className="button">
                Choose another video
              </label>
            </div>
          ) : (
            <label
              htmlFor="upload-file"
              className={dragging ? 'file-drop dragging' : 'file-drop'}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
              data-testid="upload-drop"
            >
              <strong>Select a video or drop it here</strong>
              <span className="muted">MP4, MOV or WebM — vertical looks best</span>
            </label>
          )}
          {file && (
            <p className="muted file-name">
              {file.name}
              {duration !== null && ` · ${formatDuration(duration * 1000)}`}
            </p>
          )}

          {file && duration !== null && (
            <fieldset className="tools">
              <legend>Edit</legend>
              <div className="trim">
                <TrimSlider
                  label="Start at"
                  at={edits.trimStart}
                  length={duration}
                  testId="trim-start"
                  onChange={(at) => setEdit({ trimStart: Math.max(0, Math.min(at, trimEnd - 1)) })}
                />
                <TrimSlider
                  label="End at"
                  at={trimEnd}
                  length={duration}
                  testId="trim-end"
                  onChange={(at) => setEdit({ trimEnd: Math.min(duration, Math.max(at, edits.trimStart + 1)) })}
                />
              </div>
              {published !== null && <p className="hint">Published length: {formatDuration(published * 1000)}</p>}
              <ChoicePills
                name="speed"
                label="Speed"
                captioned
                choices={SPEED_CHOICES}
                value={edits.speed}
                onChange={(speed) => setEdit({ speed })}
              />
              <ChoicePills
                name="filter"
                label="Filter"
                captioned
                choices={FILTER_CHOICES}
                value={edits.filter}
                onChange={(filter) => setEdit({ filter })}
              />
              <Field label="Text on the video">
                <input
                  value={edits.text}
                  maxLength={TEXT_MAX}
                  onChange={(e) => setEdit({ text: e.target.value })}
                  placeholder="Optional"
                />
              </Field>
            </fieldset>
          )}

          <CountedTextArea
            label="Caption"
            name="caption"
            testId="upload-caption"
            value={caption}
            onChange={setCaption}
            max={CAPTION_MAX}
            placeholder="Describe your video — #hashtags and @mentions work here"
          />

          <Field label="Hashtags">
            <input
              name="hashtags"
              data-testid="upload-hashtags"
              value={hashtags}
              onChange={(e) => setHashtags(e.target.value)}
              placeholder="dance, cats, diy"
              autoCapitalize="none"
              aria-describedby="upload-hashtags-hint"
            />
            <small id="upload-hashtags-hint" className="hint">
              Comma-separated, without #
            </small>
          </Field>

          {soundId && (
            <CheckField checked={useSound} onChange={setUseSound}>
              Use the sound you picked instead of this video's own audio
            </CheckField>
          )}

          <fieldset className="tools">
            <legend>Who can watch</legend>
            <ChoicePills
              name="visibility"
              label="Who can watch"
              choices={VISIBILITY_CHOICES}
              value={visibility}
              onChange={setVisibility}
            />
            <CheckField checked={allowDownload} onChange={setAllowDownload}>
              Allow downloads
            </CheckField>
            <CheckField checked={allowDuet} onChange={setAllowDuet}>
              Allow duets
            </CheckField>
            <CheckField checked={allowStitch} onChange={setAllowStitch}>
              Allow stitches
            </CheckField>
          </fieldset>

          <Field
            label={
              <>
                Publish later <span className="muted">(optional, up to 30 days ahead)</span>
              </>
            }
          >
            <input
              type="datetime-local"
              value={schedule}
              onChange={(e) => setSchedule(e.target.value)}
              data-testid="upload-schedule"
            />
          </Field>

          {formError && <FormError>{formError}</FormError>}

          <button type="submit" className="button primary block" data-testid="upload-submit">
            {busy ? 'Posting…' : schedule ? 'Schedule' : 'Post'}
          </button>
        </fieldset>
      </form>
    </main>
  );
}
