/**
 * One full-screen video: streams while `attached`, plays while `active`; tap to pause, double-tap to like, a
 * scrubbable progress bar, author/caption overlay, a side rail (follow, like, comments, save, share), and a view
 * report (watch time, completion, replays) when it stops being the item on screen.
 */
import { type MouseEvent, memo, useCallback, useEffect, useRef, useState } from 'react';
import { Avatar } from './Avatar.tsx';
import type { Video, ViewSource } from './api/types.ts';
import { errorMessage, isAbort, shareVideo } from './api.ts';
import { useCurrentUser } from './auth.ts';
import { Caption } from './Caption.tsx';
import { CommentsSheet } from './CommentsSheet.tsx';
import { RailButton } from './feed/RailButton.tsx';
import { formatDuration } from './format.ts';
import { BookmarkIcon, CheckIcon, CommentIcon, HeartIcon, PlayIcon, ShareIcon, SmallPlusIcon } from './icons.tsx';
import { setMuted, useMuted } from './mute.ts';
import { attachHls, type PlayerHandle } from './player.ts';
import { Link, navigate } from './router.tsx';
import { Scrubber } from './Scrubber.tsx';
import { onPageHide, recordView } from './signals/views.ts';
import { WatchTracker } from './signals/watch.ts';
import { countShare, toggleFollow, toggleLike, toggleSave, useFollowState, useVideoSocial } from './social.ts';
import { LiveRing } from './streams/LiveRing.tsx';
import { showToast } from './toast.ts';

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

/** Two taps closer than this (ms) are a double tap. */
const DOUBLE_TAP_MS = 280;
/** A new neighbour waits this long before it attaches, leaving the first frames of a swipe to the new item. */
const NEIGHBOUR_ATTACH_DELAY_MS = 300;
/** How long a double tap's heart stays on screen (its CSS animation's length). */
const LIKE_BURST_MS = 900;
/** How long the follow badge shows its tick before it goes. */
const FOLLOWED_TICK_MS = 1200;
/** A link the person has to copy by hand stays up long enough to do it. */
const SHARE_LINK_TOAST_MS = 6000;
/** The item just left rewinds to its start this long after, when the swipe's work is done. */
const REWIND_DELAY_MS = 500;

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

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

interface Burst {
  id: number;
  x: number;
  y: number;
}

/** Memoised: moving through the feed re-renders only the items whose active/attached state changed. */
export const FeedItem = memo(function FeedItem({ video, active, attached, source, index, setSize }: FeedItemProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const fillRef = useRef<HTMLDivElement>(null);
  const player = useRef<PlayerHandle | null>(null);
  const attachNow = useRef<(() => void) | null>(null);
  const tracker = useRef(new WatchTracker((video.duration_ms ?? 0) / 1000));
  const lastTap = useRef<{ at: number; timer: ReturnType<typeof setTimeout> | undefined } | null>(null);
  const commentButton = useRef<HTMLButtonElement>(null);
  const muted = useMuted();
  const me = useCurrentUser();
  const social = useVideoSocial(video);
  const follow = useFollowState(video.author.username);
  const [userPaused, setUserPaused] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [started, setStarted] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [bursts, setBursts] = useState<Burst[]>([]);
  const [commentsOpen, setCommentsOpen] = useState(false);
  const [justFollowed, setJustFollowed] = useState(false);

  const { author } = video;
  const hlsUrl = video.status === 'ready' ? (video.playback_urls?.hls ?? null) : null;
  const poster = video.thumbnails?.poster ?? null;
  const landscape = video.width !== null && video.height !== null && video.width > video.height;
  const shouldPlay = active && attached && !userPaused && !error && hlsUrl !== null;
  const shouldPlayRef = useRef(shouldPlay);
  shouldPlayRef.current = shouldPlay;
  const activeRef = useRef(active);
  activeRef.current = active;

  // Hold a stream only while attached; detaching frees the decoder and buffers. A neighbour attaches a moment after
  // a swipe, so the item coming on screen has the CPU to itself while it starts.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-attaches after "Try again"; `active` is read at attach time.
  useEffect(() => {
    const el = videoRef.current;
    if (!attached || !hlsUrl || !el) return;
    setError(null);
    let handle: PlayerHandle | null = null;
    const attach = () => {
      handle = attachHls(el, hlsUrl, setError, activeRef.current);
      player.current = handle;
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (activeRef.current) attach();
    else {
      timer = setTimeout(attach, NEIGHBOUR_ATTACH_DELAY_MS);
      attachNow.current = () => {
        clearTimeout(timer);
        if (!handle) attach();
      };
    }
    return () => {
      clearTimeout(timer);
      attachNow.current = null;
      handle?.detach();
      player.current = null;
      setStarted(false);
      setPlaying(false);
      setWaiting(false);
    };
  }, [attached, hlsUrl, attempt]);

  useEffect(() => {
    if (active) attachNow.current?.();
  }, [active]);

  useEffect(() => {
    player.current?.setActive(active);
  }, [active]);

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

  // Leaving an item resets it, so coming back starts from the top (a moment later: the seek costs a decode).
  useEffect(() => {
    if (active) return;
    setUserPaused(false);
    setCommentsOpen(false);
    const timer = setTimeout(() => {
      const el = videoRef.current;
      if (el && el.currentTime > 0) el.currentTime = 0;
      if (fillRef.current) fillRef.current.style.transform = 'scaleX(0)';
    }, REWIND_DELAY_MS);
    return () => clearTimeout(timer);
  }, [active]);

  useEffect(() => {
    if (videoRef.current) videoRef.current.muted = muted;
  }, [muted]);

  const report = useCallback(() => {
    const watched = tracker.current.take();
    if (watched) recordView({ videoId: video.id, report: watched, source });
  }, [video.id, source]);

  // Report the viewing when the item stops being active, the page is hidden, or it unmounts.
  useEffect(() => {
    if (!active) return;
    const stopCollecting = onPageHide(() => {
      report();
      videoRef.current?.pause();
    });
    const onVisible = () => {
      const el = videoRef.current;
      if (document.visibilityState === 'visible' && el && shouldPlayRef.current) play(el, () => setUserPaused(true));
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopCollecting();
      document.removeEventListener('visibilitychange', onVisible);
      report();
    };
  }, [active, report]);

  const like = useCallback(
    (next?: boolean) => {
      if (!me) {
        showToast('Log in to like videos');
        navigate('/login');
        return;
      }
      toggleLike(video, next).catch((err: unknown) => showToast(errorMessage(err)));
    },
    [me, video],
  );

  const openComments = useCallback(() => setCommentsOpen(true), []);
  const closeComments = useCallback(() => {
    setCommentsOpen(false);
    commentButton.current?.focus();
  }, []);

  const togglePlay = useCallback(() => {
    const el = videoRef.current;
    if (!el || !hlsUrl) return;
    if (el.paused) {
      setUserPaused(false);
      play(el, () => setUserPaused(true));
    } else {
      setUserPaused(true);
      el.pause();
    }
  }, [hlsUrl]);

  // Keys for the item on screen: space pauses, l likes, c opens the comments.
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (document.querySelector('[data-sheet-open]')) return;
      if (e.key === ' ' && !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement)) {
        e.preventDefault();
        togglePlay();
      } else if (e.key === 'l') {
        like();
      } else if (e.key === 'c') {
        openComments();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, togglePlay, like, openComments]);

  const onTap = (e: MouseEvent<HTMLButtonElement>) => {
    // Keyboard activation (detail 0) toggles at once; a pointer waits to see whether a second tap follows.
    if (e.detail === 0) {
      togglePlay();
      return;
    }
    const now = performance.now();
    const previous = lastTap.current;
    if (previous && now - previous.at < DOUBLE_TAP_MS) {
      clearTimeout(previous.timer);
      lastTap.current = null;
      const rect = e.currentTarget.getBoundingClientRect();
      const burst = { id: now, x: e.clientX - rect.left, y: e.clientY - rect.top };
      setBursts((list) => [...list.slice(-4), burst]);
      setTimeout(() => setBursts((list) => list.filter((b) => b.id !== burst.id)), LIKE_BURST_MS);
      if (!social.liked) like(true);
      return;
    }
    lastTap.current = { at: now, timer: setTimeout(togglePlay, DOUBLE_TAP_MS) };
  };

  const save = () => {
    if (!me) {
      showToast('Log in to save videos');
      navigate('/login');
      return;
    }
    toggleSave(video)
      .then((saved) => showToast(saved ? 'Saved to your collection' : 'Removed from saved'))
      .catch((err: unknown) => showToast(errorMessage(err)));
  };

  const share = async () => {
    const url = new URL(`/v/${encodeURIComponent(video.id)}`, window.location.origin).toString();
    let channel = 'copy_link';
    try {
      if (typeof navigator.share === 'function') {
        await navigator.share({ title: `@${author.username} on Looply`, text: video.caption.slice(0, 100), url });
        channel = 'web_share';
      } else {
        await navigator.clipboard.writeText(url);
        showToast('Link copied');
      }
    } catch (err) {
      if (isAbort(err)) return;
      showToast(`Share this link: ${url}`, SHARE_LINK_TOAST_MS);
    }
    shareVideo(video.id, channel)
      .then((result) => countShare(video, result.share_count))
      .catch(() => {});
  };

  const followAuthor = () => {
    if (!me) {
      navigate('/login');
      return;
    }
    toggleFollow(author.username, true)
      .then((state) => {
        setJustFollowed(true);
        setTimeout(() => setJustFollowed(false), FOLLOWED_TICK_MS);
        if (state === 'requested') showToast('Follow request sent');
      })
      .catch((err: unknown) => showToast(errorMessage(err)));
  };

  const onTimeUpdate = () => {
    const el = videoRef.current;
    if (!el) return;
    tracker.current.duration = el.duration;
    const fill = fillRef.current;
    if (fill && el.duration > 0) {
      fill.style.transform = `scaleX(${Math.min(1, el.currentTime / el.duration)})`;
      // The slider's value for screen readers, kept current without a render.
      const slider = fill.closest('[role="slider"]');
      const second = String(Math.round(el.currentTime));
      if (slider && slider.getAttribute('aria-valuenow') !== second) {
        slider.setAttribute('aria-valuenow', second);
        slider.setAttribute('aria-valuetext', formatDuration(el.currentTime * 1000));
      }
    }
    if (active) tracker.current.position(el.currentTime);
  };

  const onCanPlay = () => {
    const el = videoRef.current;
    if (el && shouldPlayRef.current && el.paused) play(el, () => setUserPaused(true));
  };

  const profile = `/@${author.username}`;
  const isMine = me?.id === author.id;
  const showFollow = !isMine && (follow === 'unknown' || follow === 'none' || justFollowed);

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
      data-started={started ? 'true' : 'false'}
      data-index={index}
      aria-posinset={index === undefined ? undefined : index + 1}
      aria-setsize={setSize}
      aria-label={`Video by @${author.username}`}
      inert={!active && index !== undefined ? true : undefined}
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
          const el = videoRef.current;
          if (el && active) tracker.current.position(el.currentTime);
          setStarted(true);
          setPlaying(true);
          setWaiting(false);
        }}
        onPause={() => {
          setPlaying(false);
          tracker.current.paused();
        }}
        onWaiting={() => setWaiting(true)}
        onCanPlay={onCanPlay}
        onTimeUpdate={onTimeUpdate}
        onSeeking={() => {
          const el = videoRef.current;
          if (el && active) tracker.current.seeked(el.currentTime);
        }}
      />
      {poster && <img className={started ? 'feed-poster hidden' : 'feed-poster'} src={poster} alt="" />}

      <button
        type="button"
        className="tap-layer"
        aria-label={playing ? 'Pause video' : 'Play video'}
        onClick={onTap}
        disabled={!hlsUrl}
        data-testid="tap-layer"
      />
      {bursts.map((b) => (
        <span key={b.id} className="like-burst" style={{ left: b.x, top: b.y }} aria-hidden="true">
          <HeartIcon />
        </span>
      ))}

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
        {video.recommendation_reason && video.recommendation_reason !== 'latest' && (
          <p className="item-reason" data-testid="recommendation-reason">
            {video.recommendation_reason}
          </p>
        )}
        <Link to={profile} className="item-author">
          @{author.username}
        </Link>
        <Caption caption={video.caption} hashtags={video.hashtags} />
        {video.sound && (
          <Link
            to={`/sound/${encodeURIComponent(video.sound.id)}`}
            className="item-sound"
            aria-label={`Sound: ${video.sound.title}`}
          >
            ♫ {video.sound.title}
          </Link>
        )}
      </div>

      <div className="rail">
        <div className="rail-avatar-wrap">
          <Link to={profile} className="rail-avatar" aria-label={`Profile of @${author.username}`}>
            <LiveRing userId={author.id}>
              <Avatar name={author.display_name || author.username} url={author.avatar_url} size={46} />
            </LiveRing>
          </Link>
          {showFollow && (
            <button
              type="button"
              className={justFollowed ? 'follow-badge done' : 'follow-badge'}
              aria-label={justFollowed ? `Following @${author.username}` : `Follow @${author.username}`}
              onClick={followAuthor}
              disabled={justFollowed}
              data-testid="follow-author"
            >
              {justFollowed ? <CheckIcon size={14} /> : <SmallPlusIcon />}
            </button>
          )}
        </div>
        <RailButton
          icon={<HeartIcon />}
          action="Like"
          count={social.likes}
          unit="likes"
          pressed={{ on: social.liked, className: 'liked' }}
          onClick={() => like()}
          testId="like-button"
          countTestId="like-count"
        />
        <RailButton
          ref={commentButton}
          icon={<CommentIcon />}
          action="Comments"
          count={social.comments}
          onClick={openComments}
          testId="comment-button"
          opensDialog
        />
        <RailButton
          icon={<BookmarkIcon />}
          action="Save"
          count={social.saves}
          unit="saves"
          pressed={{ on: social.saved, className: 'saved' }}
          onClick={save}
          testId="save-button"
        />
        <RailButton
          icon={<ShareIcon />}
          action="Share"
          count={social.shares}
          unit="shares"
          onClick={() => void share()}
          testId="share-button"
        />
      </div>

      {hlsUrl && (
        <Scrubber
          videoRef={videoRef}
          fillRef={fillRef}
          spriteVtt={video.thumbnails?.sprite_vtt ?? null}
          durationMs={video.duration_ms}
          enabled={active}
        />
      )}

      {commentsOpen && <CommentsSheet video={video} onClose={closeComments} />}
    </article>
  );
});
