/**
 * One full-screen video: streams while `attached`, plays while `active`, tap to pause, author/caption overlay,
 * side rail with counts, and a view event (watch time, completion, replays) when it stops being the active item.
 */
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { Avatar } from './Avatar.tsx';
import { isAbort, sendView } from './api.ts';
import { useSession } from './auth.ts';
import { Caption } from './Caption.tsx';
import { formatCount } from './format.ts';
import { CommentIcon, HeartIcon, PlayIcon, ShareIcon } from './icons.tsx';
import { setMuted, useMuted } from './mute.ts';
import { attachHls } from './player.ts';
import { Link, navigate } from './router.tsx';
import { showToast } from './toast.ts';
import type { Video, ViewSource } from './types.ts';

export interface FeedItemProps {
  video: Video;
  /** The item on screen: it plays. */
  active: boolean;
  /** The active item and its neighbours hold a stream, so swiping to them starts at once. */
  attached: boolean;
  source: ViewSource;
  /** Position in the feed (0-based), for keyboard/scroll bookkeeping and screen readers. */
  index?: number;
  /** Feed length for screen readers; -1 when more may load. */
  setSize?: number;
}

interface WatchTracker {
  /** Seconds of playback seen. */
  watched: number;
  /** Furthest position reached, seconds. */
  furthest: number;
  replays: number;
  /** Position at the previous timeupdate; null right after a seek. */
  last: number | null;
}

const freshTracker = (): WatchTracker => ({ watched: 0, furthest: 0, replays: 0, last: null });

/** A jump from the last second back to the first: the `loop` attribute starting the video over. */
function isLoopRestart(el: HTMLVideoElement, from: number, to: number): boolean {
  return Number.isFinite(el.duration) && el.duration > 0 && from >= el.duration - 1 && to < 1;
}

function play(el: HTMLVideoElement, onBlocked: () => void): void {
  el.play().catch((err: unknown) => {
    // AbortError: a pause() or new source superseded this play(); nothing to do.
    if (!(err instanceof DOMException) || err.name !== 'NotAllowedError') return;
    if (el.muted) {
      onBlocked();
      return;
    }
    // Autoplay with sound is blocked until the person interacts with the page: play muted instead.
    el.muted = true;
    setMuted(true, false);
    el.play().catch(() => onBlocked());
  });
}

/** Memoised: moving through the feed re-renders only the items whose active/attached state changed. */
export const FeedItem = memo(function FeedItem({ video, active, attached, source, index, setSize }: FeedItemProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const tracker = useRef<WatchTracker>(freshTracker());
  const muted = useMuted();
  const session = useSession();
  const [userPaused, setUserPaused] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [started, setStarted] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [liked, setLiked] = useState(false);

  const { author } = video;
  const hlsUrl = video.status === 'ready' ? (video.playback_urls?.hls ?? null) : null;
  const poster = video.thumbnails?.poster ?? null;
  const landscape = video.width !== null && video.height !== null && video.width > video.height;
  const shouldPlay = active && attached && !userPaused && !error && hlsUrl !== null;
  const shouldPlayRef = useRef(shouldPlay);
  shouldPlayRef.current = shouldPlay;

  // Hold a stream only while attached; detaching frees the decoder and buffers.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-attaches after "Try again".
  useEffect(() => {
    const el = videoRef.current;
    if (!attached || !hlsUrl || !el) return;
    setError(null);
    const detach = attachHls(el, hlsUrl, setError);
    return () => {
      detach();
      setStarted(false);
      setPlaying(false);
      setWaiting(false);
    };
  }, [attached, hlsUrl, attempt]);

  // Before the stream has data, play() would be aborted by the source attaching; onCanPlay starts it instead.
  useEffect(() => {
    const el = videoRef.current;
    if (!el) return;
    if (!shouldPlay) {
      if (!el.paused) el.pause();
    } else if (el.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) {
      play(el, () => setUserPaused(true));
    }
  }, [shouldPlay]);

  // Leaving an item resets it, so coming back starts from the top.
  useEffect(() => {
    if (active) return;
    setUserPaused(false);
    const el = videoRef.current;
    if (el && el.currentTime > 0) el.currentTime = 0;
  }, [active]);

  useEffect(() => {
    if (videoRef.current) videoRef.current.muted = muted;
  }, [muted]);

  const flushView = useCallback(() => {
    const t = tracker.current;
    tracker.current = freshTracker();
    if (t.watched <= 0) return;
    const el = videoRef.current;
    const duration =
      el && Number.isFinite(el.duration) && el.duration > 0 ? el.duration : (video.duration_ms ?? 0) / 1000;
    const completion = t.replays > 0 ? 1 : duration > 0 ? Math.min(1, t.furthest / duration) : 0;
    sendView(video.id, {
      watch_time_ms: Math.round(t.watched * 1000),
      completion_rate: Math.round(completion * 1000) / 1000,
      replay_count: t.replays,
      source,
    });
  }, [video.id, video.duration_ms, source]);

  // Report the watch when the item stops being active, the page is hidden, or it unmounts.
  useEffect(() => {
    if (!active) return;
    const onVisibility = () => {
      const el = videoRef.current;
      if (document.visibilityState === 'hidden') {
        flushView();
        el?.pause();
      } else if (el && shouldPlayRef.current) {
        play(el, () => setUserPaused(true));
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flushView);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flushView);
      flushView();
    };
  }, [active, flushView]);

  const onTimeUpdate = () => {
    const el = videoRef.current;
    if (!el) return;
    if (barRef.current && el.duration > 0) {
      barRef.current.style.transform = `scaleX(${Math.min(1, el.currentTime / el.duration)})`;
    }
    if (!active) return;
    const t = tracker.current;
    const now = el.currentTime;
    if (t.last !== null) {
      const delta = now - t.last;
      if (delta > 0 && delta < 2) t.watched += delta;
      else if (delta < 0 && isLoopRestart(el, t.last, now)) {
        t.replays += 1;
        t.watched += el.duration - t.last + now;
        t.furthest = el.duration;
      }
    }
    t.last = now;
    t.furthest = Math.max(t.furthest, now);
  };

  const onSeeking = () => {
    const el = videoRef.current;
    const t = tracker.current;
    if (!el) return;
    if (active && t.last !== null && isLoopRestart(el, t.last, el.currentTime)) {
      t.replays += 1;
      t.watched += Math.max(0, el.duration - t.last);
      t.furthest = el.duration;
      t.last = el.currentTime;
    } else {
      t.last = null;
    }
  };

  const onCanPlay = () => {
    const el = videoRef.current;
    if (el && shouldPlayRef.current && el.paused) play(el, () => setUserPaused(true));
  };

  const togglePlay = () => {
    const el = videoRef.current;
    if (!el || !hlsUrl) return;
    if (el.paused) {
      setUserPaused(false);
      play(el, () => setUserPaused(true));
    } else {
      setUserPaused(true);
      el.pause();
    }
  };

  const whenSignedIn = (action: () => void) => () => {
    if (session) action();
    else navigate('/login');
  };

  const share = async () => {
    const url = new URL(`/v/${encodeURIComponent(video.id)}`, window.location.origin).toString();
    try {
      if (typeof navigator.share === 'function') {
        await navigator.share({ title: `@${author.username} on Looply`, url });
        return;
      }
      await navigator.clipboard.writeText(url);
      showToast('Link copied');
    } catch (err) {
      if (!isAbort(err)) showToast(`Share this link: ${url}`, 6000);
    }
  };

  const likes = video.stats.likes + (liked ? 1 : 0);
  const profile = `/@${author.username}`;

  let status: string | null = null;
  if (video.status === 'processing' || video.status === 'uploading') {
    status = `Still processing… ${Math.round(video.progress)}%`;
  } else if (video.status === 'failed') {
    status = video.error?.message ?? "This video couldn't be processed.";
  } else if (video.status === 'removed') {
    status = 'This video was removed.';
  } else if (!hlsUrl) {
    status = "This video isn't available.";
  }

  return (
    <article
      className="feed-item"
      data-testid="feed-item"
      data-video-id={video.id}
      data-active={active ? 'true' : 'false'}
      data-index={index}
      aria-posinset={index === undefined ? undefined : index + 1}
      aria-setsize={setSize}
      aria-label={`Video by @${author.username}`}
    >
      <video
        ref={videoRef}
        className={landscape ? 'feed-video contain' : 'feed-video'}
        data-testid="feed-video"
        poster={poster ?? undefined}
        muted={muted}
        playsInline
        loop
        autoPlay={shouldPlay}
        preload={attached ? 'auto' : 'none'}
        tabIndex={-1}
        onPlaying={() => {
          setStarted(true);
          setPlaying(true);
          setWaiting(false);
        }}
        onPause={() => setPlaying(false)}
        onWaiting={() => setWaiting(true)}
        onCanPlay={onCanPlay}
        onTimeUpdate={onTimeUpdate}
        onSeeking={onSeeking}
      />
      {poster && <img className={started ? 'feed-poster hidden' : 'feed-poster'} src={poster} alt="" />}

      <button
        type="button"
        className="tap-layer"
        aria-label={playing ? 'Pause video' : 'Play video'}
        onClick={togglePlay}
        disabled={!hlsUrl}
      />

      {active && userPaused && !error && hlsUrl && (
        <div className="big-play" aria-hidden="true">
          <PlayIcon size={72} />
        </div>
      )}
      {active && shouldPlay && (waiting || !started) && <div className="spinner" aria-hidden="true" />}
      {(error ?? status) && (
        <div className="item-status" role={error ? 'alert' : 'status'}>
          <p>{error ?? status}</p>
          {error && (
            <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          )}
        </div>
      )}

      <div className="item-shade" aria-hidden="true" />
      <div className="item-info">
        <Link to={profile} className="item-author">
          @{author.username}
        </Link>
        <Caption caption={video.caption} hashtags={video.hashtags} />
      </div>

      <div className="rail">
        <Link to={profile} className="rail-avatar" aria-label={`Profile of @${author.username}`}>
          <Avatar name={author.display_name || author.username} url={author.avatar_url} size={46} />
        </Link>
        <button
          type="button"
          className={liked ? 'rail-button liked' : 'rail-button'}
          aria-pressed={liked}
          aria-label={`Like, ${formatCount(likes)} likes`}
          onClick={whenSignedIn(() => setLiked(!liked))}
        >
          <HeartIcon />
          <span aria-hidden="true">{formatCount(likes)}</span>
        </button>
        <button
          type="button"
          className="rail-button"
          aria-label={`Comments, ${formatCount(video.stats.comments)}`}
          onClick={whenSignedIn(() => showToast('Comments are coming soon'))}
        >
          <CommentIcon />
          <span aria-hidden="true">{formatCount(video.stats.comments)}</span>
        </button>
        <button
          type="button"
          className="rail-button"
          aria-label={`Share, ${formatCount(video.stats.shares)} shares`}
          onClick={share}
        >
          <ShareIcon />
          <span aria-hidden="true">{formatCount(video.stats.shares)}</span>
        </button>
      </div>

      <div className="item-progress" aria-hidden="true">
        <div ref={barRef} />
      </div>
    </article>
  );
});
