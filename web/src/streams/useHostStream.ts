/** The host's view of their started LIVE: its status and viewers read every few seconds, and ending it. */
import { useCallback, useEffect, useState } from 'react';
import type { LiveStream } from '../api/types.ts';
import { endLive, errorMessage, getLiveStream } from '../api.ts';
import { showToast } from '../toast.ts';

const POLL_MS = 3000;

export function useHostStream(streamId: string) {
  const [stream, setStream] = useState<LiveStream | null>(null);
  const [ending, setEnding] = useState(false);

  useEffect(() => {
    let gone = false;
    const controller = new AbortController();
    const read = () =>
      getLiveStream(streamId, controller.signal)
        .then((s) => {
          if (!gone) setStream(s);
        })
        .catch(() => {});
    void read();
    const timer = setInterval(read, POLL_MS);
    return () => {
      gone = true;
      controller.abort();
      clearInterval(timer);
    };
  }, [streamId]);

  const end = useCallback(async () => {
    setEnding(true);
    try {
      setStream(await endLive(streamId));
    } catch (err) {
      showToast(errorMessage(err));
    } finally {
      setEnding(false);
    }
  }, [streamId]);

  return { stream, ending, end };
}
