/** /upload: pick a video, preview it, add caption and hashtags, upload with progress, then follow processing. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, getVideo, isAbort, type UploadHandle, uploadVideo } from './api.ts';
import { invalidateFeed } from './feedCache.ts';
import { parseHashtags } from './format.ts';
import { Link } from './router.tsx';

const CAPTION_MAX = 2200;

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'processing'; id: string; progress: number; note?: string }
  | { kind: 'ready'; id: string }
  | { kind: 'failed'; message: string };

function statusText(phase: Phase): string {
  switch (phase.kind) {
    case 'uploading':
      return `Uploading… ${Math.round(phase.fraction * 100)}%`;
    case 'processing':
      return `Processing… ${Math.round(phase.progress)}%${phase.note ? ` — ${phase.note}` : ''}`;
    case 'ready':
      return 'Ready — your video is live.';
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

export function Upload() {
  const [file, setFile] = useState<File | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [caption, setCaption] = useState('');
  const [hashtags, setHashtags] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [formError, setFormError] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const upload = useRef<UploadHandle | null>(null);
  const statusRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!file) {
      setPreviewUrl(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreviewUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  useEffect(() => () => upload.current?.abort(), []);

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
          setPhase({ kind: 'ready', id: video.id });
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
    setFormError(null);
    // Text fields first, the file last: a streaming multipart parser sees them before the (large) file.
    const form = new FormData();
    form.append('caption', caption.trim());
    form.append('hashtags', parseHashtags(hashtags).join(','));
    form.append('video', file, file.name);
    setPhase({ kind: 'uploading', fraction: 0 });
    const handle = uploadVideo(form, (fraction) => setPhase({ kind: 'uploading', fraction }));
    upload.current = handle;
    try {
      const accepted = await handle.promise;
      setPhase({ kind: 'processing', id: accepted.video_id, progress: 0 });
    } catch (err) {
      setPhase(isAbort(err) ? { kind: 'idle' } : { kind: 'failed', message: errorMessage(err) });
    } finally {
      if (upload.current === handle) upload.current = null;
    }
  };

  const reset = () => {
    setFile(null);
    setCaption('');
    setHashtags('');
    setPhase({ kind: 'idle' });
    setFormError(null);
    setInputKey((k) => k + 1);
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const locked = busy || phase.kind === 'ready';
  const pct = percent(phase);

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
            <button type="button" className="button ghost" onClick={() => upload.current?.abort()}>
              Cancel upload
            </button>
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
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFormError(null);
            }}
          />
          {previewUrl ? (
            <div className="upload-preview">
              <video src={previewUrl} controls muted playsInline loop aria-label="Preview of the selected video" />
              <label htmlFor="upload-file" className="button">
                Choose another video
              </label>
            </div>
          ) : (
            <label htmlFor="upload-file" className="file-drop">
              <strong>Select a video</strong>
              <span className="muted">MP4, MOV or WebM — vertical looks best</span>
            </label>
          )}
          {file && <p className="muted file-name">{file.name}</p>}

          <label className="field">
            <span>Caption</span>
            <textarea
              name="caption"
              data-testid="upload-caption"
              value={caption}
              onChange={(e) => setCaption(e.target.value)}
              maxLength={CAPTION_MAX}
              rows={3}
              placeholder="Describe your video"
            />
            <small className="hint counter">
              {caption.length}/{CAPTION_MAX}
            </small>
          </label>

          <label className="field">
            <span>Hashtags</span>
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
          </label>

          {formError && (
            <p className="form-error" role="alert">
              {formError}
            </p>
          )}

          <button type="submit" className="button primary block" data-testid="upload-submit">
            {busy ? 'Posting…' : 'Post'}
          </button>
        </fieldset>
      </form>
    </main>
  );
}
