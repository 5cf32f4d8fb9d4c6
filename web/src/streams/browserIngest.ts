/**
 * Going live from the browser as docs/protocol describes: a WebSocket to `whip_or_ws_url`, a `start` frame with the
 * stream key and the recorder's type, then MediaRecorder chunks every 250 ms as binary frames. A dropped socket is
 * reopened with the same key (the server keeps the stream through its reconnect grace); a new socket needs a new
 * recording, since the container's header goes out first.
 */

const TIMESLICE_MS = 250;
const KEYFRAME_MS = 1000;
const MIME_TYPES = ['video/webm;codecs=h264,opus', 'video/webm;codecs=vp8,opus'];
const RECONNECTS = 5;

export type IngestState =
  | { status: 'connecting' }
  | { status: 'live' }
  | { status: 'reconnecting'; attempt: number }
  | { status: 'failed'; message: string }
  | { status: 'stopped' };

/** The first recording type this browser has, or null. */
export function ingestMimeType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

const REFUSALS: Record<string, string> = {
  UNKNOWN_KEY: 'The server did not accept this stream key.',
  EXPIRED_KEY: 'The stream key expired. Start again.',
  STREAM_ENDED: 'This LIVE has ended.',
  UNSUPPORTED_MIME: "The server can't take video from this browser. Use OBS instead.",
};

export interface BrowserIngest {
  stop(): void;
}

export function startBrowserIngest(
  url: string,
  streamKey: string,
  media: MediaStream,
  onState: (state: IngestState) => void,
): BrowserIngest {
  const mime = ingestMimeType();
  let socket: WebSocket | null = null;
  let recorder: MediaRecorder | null = null;
  let stopped = false;
  let attempts = 0;

  const stopRecorder = () => {
    if (recorder && recorder.state !== 'inactive') recorder.stop();
    recorder = null;
  };

  const open = () => {
    if (!mime) {
      onState({ status: 'failed', message: "This browser can't record video for streaming. Use OBS instead." });
      return;
    }
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      // A keyframe a second (Chromium's option) lets the server cut 1 s segments without re-encoding H.264.
      const options = { mimeType: mime, videoKeyFrameIntervalDuration: KEYFRAME_MS } as MediaRecorderOptions;
      const rec = new MediaRecorder(media, options);
      rec.ondataavailable = (e) => {
        if (e.data.size > 0 && ws.readyState === WebSocket.OPEN) ws.send(e.data);
      };
      rec.start(TIMESLICE_MS);
      recorder = rec;
      // The first chunk comes a timeslice later, so this still goes first, with the type the recorder settled on.
      ws.send(JSON.stringify({ type: 'start', stream_key: streamKey, mime: rec.mimeType || mime }));
    };
    ws.onmessage = (msg) => {
      if (typeof msg.data !== 'string') return;
      try {
        if (JSON.parse(msg.data).type === 'ready') {
          attempts = 0;
          onState({ status: 'live' });
        }
      } catch {
        // Not ours to read.
      }
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      stopRecorder();
      if (stopped) return;
      const refusal = REFUSALS[event.reason];
      if (refusal || event.code === 4401 || event.code === 1008 || event.code === 1009) {
        onState({ status: 'failed', message: refusal ?? 'The server refused the stream.' });
        return;
      }
      attempts += 1;
      if (attempts > RECONNECTS) {
        onState({ status: 'failed', message: 'Lost the connection to the server.' });
        return;
      }
      onState({ status: 'reconnecting', attempt: attempts });
      setTimeout(() => {
        if (!stopped) open();
      }, 500 * attempts);
    };
  };

  onState({ status: 'connecting' });
  open();
  return {
    stop() {
      stopped = true;
      stopRecorder();
      socket?.close(1000, 'done');
      socket = null;
      onState({ status: 'stopped' });
    },
  };
}
