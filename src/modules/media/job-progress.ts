export interface JobProgress {
  /** Percent done, 0–99; only whole-percent increases are written, in order. */
  set(percent: number): void;
  /** A stage's share of the bar: its own 0..1 fractions mapped onto `from`..`to` percent. */
  span(from: number, to: number): (fraction: number) => void;
  /** Stops the heartbeat and waits for the writes in flight. */
  stop(): Promise<void>;
}

/**
 * Progress of one processing job as its video shows it (smooth and never going back), and the job's heartbeat
 * on a timer, so a long stage without progress (a large upload to the blob store) keeps the lease alive.
 */
export function startJobProgress(options: {
  write: (percent: number) => Promise<void>;
  heartbeat: () => Promise<void>;
  heartbeatEveryMs: number;
}): JobProgress {
  let last = -1;
  let writes: Promise<void> = Promise.resolve();
  const beat = () => void options.heartbeat().catch(() => {});
  const timer = setInterval(beat, options.heartbeatEveryMs);
  timer.unref();

  const set = (percent: number) => {
    const whole = Math.max(0, Math.min(99, Math.floor(percent)));
    if (whole <= last) return;
    last = whole;
    writes = writes.then(() => options.write(whole)).catch(() => {});
  };
  return {
    set,
    span: (from, to) => (fraction) => set(from + Math.max(0, Math.min(1, fraction)) * (to - from)),
    async stop() {
      clearInterval(timer);
      await writes;
    },
  };
}
