/** Wheel events grouped into gestures, so one notch or one trackpad swipe (with its inertia) moves one item. */

/** Events closer together than this belong to one gesture; a trackpad sends them every few ms while it glides. */
export const WHEEL_GESTURE_GAP_MS = 200;
/** A gesture longer than this (a long inertia tail, a held wheel) may move one more item after each such stretch. */
export const WHEEL_REPEAT_MS = 1200;

export class WheelGestures {
  private lastEvent = Number.NEGATIVE_INFINITY;
  private lastMove = Number.NEGATIVE_INFINITY;

  /** Whether the wheel event at `now` (ms) moves an item: the first of a gesture does, or one long after the last move. */
  moves(now: number): boolean {
    const newGesture = now - this.lastEvent > WHEEL_GESTURE_GAP_MS;
    this.lastEvent = now;
    if (!newGesture && now - this.lastMove < WHEEL_REPEAT_MS) return false;
    this.lastMove = now;
    return true;
  }
}
