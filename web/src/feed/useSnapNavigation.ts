/**
 * Which feed item is on screen, and moving between items: a touch swipe switches once the scroll passes half-way;
 * a key (ArrowUp/ArrowDown, j/k, PageUp/PageDown), a wheel gesture or the up/down buttons move one item and start
 * its video at once, while the smooth scroll brings it in.
 */
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { WheelGestures } from './wheelGestures.ts';

/** How long a key or wheel move owns the active item: longer than the smooth scroll of one item takes. */
export const MOVE_MS = 700;
/** The same for "Back to the top", whose scroll crosses the whole feed. */
export const BACK_TO_TOP_MS = 1500;

export interface SnapNavigation {
  /** The index of the item on screen; `itemCount` is the end marker after the last video. */
  active: number;
  move: (delta: 1 | -1) => void;
  backToTop: () => void;
}

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.tagName === 'INPUT' ||
      target.tagName === 'TEXTAREA' ||
      target.tagName === 'SELECT')
  );
}

/** A key press the feed may act on: not typed into a field, not a shortcut, not while a sheet is open. */
export function isFeedKey(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return false;
  return !document.querySelector('[data-sheet-open]');
}

/**
 * Starts the video of item `index` at once if its player is ready, before React renders the move: the swipe's
 * first frame does not wait for a render and an effect. The item's own effects then find it playing.
 */
function startEarly(root: HTMLElement, index: number): void {
  const video = root.querySelector<HTMLVideoElement>(`[data-testid="feed-item"][data-index="${index}"] video`);
  if (!video?.paused || video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) return;
  for (const other of root.querySelectorAll<HTMLVideoElement>('[data-testid="feed-item"] video')) {
    if (other !== video && !other.paused) other.pause();
  }
  video.play().catch(() => {
    // Autoplay refused or superseded: the item's own effect deals with it.
  });
}

/** Navigation in the scrolling `containerRef` of `itemCount` items, starting (scrolled) at `initial`. */
export function useSnapNavigation(
  containerRef: RefObject<HTMLElement | null>,
  itemCount: number,
  initial: number,
): SnapNavigation {
  const [active, setActive] = useState(initial);
  const activeRef = useRef(active);
  activeRef.current = active;
  /** Where a keyboard/wheel move is heading while its smooth scroll runs, so quick repeats keep counting. */
  const heading = useRef<{ index: number; until: number } | null>(null);

  const [startAt] = useState(initial);
  useLayoutEffect(() => {
    const root = containerRef.current;
    if (root && startAt > 0) root.scrollTop = startAt * root.clientHeight;
  }, [containerRef, startAt]);

  // The item on screen is the one the scroll position rounds to (past half-way the next one starts), except while
  // a key or wheel move runs: that move already chose its item.
  useEffect(() => {
    const root = containerRef.current;
    if (!root || itemCount === 0) return;
    const settle = () => {
      const h = root.clientHeight;
      if (!h) return;
      const move = heading.current;
      if (move && move.until > performance.now()) return;
      heading.current = null;
      const index = Math.max(0, Math.min(itemCount, Math.round(root.scrollTop / h)));
      if (index !== activeRef.current) startEarly(root, index);
      setActive(index);
    };
    const onScrollEnd = () => {
      heading.current = null;
      settle();
    };
    root.addEventListener('scroll', settle, { passive: true });
    root.addEventListener('scrollend', onScrollEnd);
    return () => {
      root.removeEventListener('scroll', settle);
      root.removeEventListener('scrollend', onScrollEnd);
    };
  }, [containerRef, itemCount]);

  const move = useCallback(
    (delta: 1 | -1) => {
      const root = containerRef.current;
      if (!root) return;
      const now = performance.now();
      const from = heading.current && heading.current.until > now ? heading.current.index : activeRef.current;
      const target = Math.max(0, Math.min(itemCount, from + delta));
      if (target === from) return;
      heading.current = { index: target, until: now + MOVE_MS };
      startEarly(root, target);
      setActive(target);
      root.scrollTo({ top: target * root.clientHeight, behavior: reducedMotion() ? 'auto' : 'smooth' });
    },
    [containerRef, itemCount],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isFeedKey(e)) return;
      if (e.key === 'ArrowDown' || e.key === 'j' || e.key === 'PageDown') {
        e.preventDefault();
        move(1);
      } else if (e.key === 'ArrowUp' || e.key === 'k' || e.key === 'PageUp') {
        e.preventDefault();
        move(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);

  useEffect(() => {
    const root = containerRef.current;
    if (!root) return;
    const gestures = new WheelGestures();
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey || Math.abs(e.deltaY) <= Math.abs(e.deltaX)) return;
      if (e.target instanceof Element && e.target.closest('[data-sheet-open]')) return;
      e.preventDefault();
      if (gestures.moves(performance.now())) move(e.deltaY > 0 ? 1 : -1);
    };
    root.addEventListener('wheel', onWheel, { passive: false });
    return () => root.removeEventListener('wheel', onWheel);
  }, [containerRef, move]);

  const backToTop = useCallback(() => {
    heading.current = { index: 0, until: performance.now() + BACK_TO_TOP_MS };
    setActive(0);
    containerRef.current?.scrollTo({ top: 0, behavior: reducedMotion() ? 'auto' : 'smooth' });
  }, [containerRef]);

  return { active, move, backToTop };
}
