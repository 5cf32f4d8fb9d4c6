import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../platform/logger.ts';
import { runFfmpeg } from '../media/ffmpeg-runner.ts';
import type { LiveStreamRow, LiveVisibility } from './store.ts';

/** What one ffmpeg run of a stream records: named by the run (its start time), so names sort in time order. */
const RECORDING = /^rec-r(\d{1,16})\.mkv$/;
const PARTS_LIST = 'parts.txt';
const REPLAY_FILE = 'replay.mkv';

export const recordingName = (run: number) => `rec-r${run}.mkv`;

export interface ReplayDetails {
  hostId: string;
  title: string;
  visibility: LiveVisibility;
}

/** Where a finished recording enters the media pipeline (the videos module's upload steps: see services.ts). */
export interface ReplayIntake {
  /** Makes `file` the video `videoId` of the host, processed like any upload; safe to repeat with the same id. */
  accept(videoId: string, replay: ReplayDetails, file: string): Promise<void>;
}

interface ReplayVideos {
  /** The video id of a stream's replay: chosen once, the same on every call. */
  reserveReplayVideo(streamId: string): Promise<string>;
}

/** The runs recorded in `dir`, oldest first; none when it does not exist. */
export async function recordedRuns(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const runs = names.flatMap((name) => {
    const match = RECORDING.exec(name);
    return match?.[1] ? [{ name, run: Number(match[1]) }] : [];
  });
  return runs.sort((a, b) => a.run - b.run).map((entry) => entry.name);
}

export interface LiveReplaysDeps {
  ffmpegPath: string | null;
  /** DATA_DIR/tmp/live: replays are recorded under its `replays/<stream id>/`. */
  workDir: string;
  intake: ReplayIntake;
  videos: ReplayVideos;
  log: Logger;
}

/**
 * Replays of streams recorded on this ingest node. Every ffmpeg run of a stream (restarts and reconnects included)
 * leaves one recording in the stream's replay directory; when the stream ends they are joined with ffmpeg's concat
 * demuxer (a list of our own file names, streams copied) and the result is handed to the media pipeline as a new
 * video of the host. The directory goes once the pipeline has the file.
 */
export class LiveReplays {
  readonly #deps: LiveReplaysDeps;

  constructor(deps: LiveReplaysDeps) {
    this.#deps = deps;
  }

  /** The directory a stream's runs record into. */
  dirOf(streamId: string): string {
    return join(this.#deps.workDir, 'replays', streamId);
  }

  /** Joins what the ended stream recorded and hands it over; the replay's video id, or null with nothing recorded. */
  async finish(stream: LiveStreamRow): Promise<string | null> {
    const dir = this.dirOf(stream.id);
    const runs = await recordedRuns(dir);
    if (runs.length === 0 || this.#deps.ffmpegPath === null) {
      this.#deps.log.warn({ streamId: stream.id }, 'no replay: nothing was recorded');
      await rm(dir, { recursive: true, force: true });
      return null;
    }
    await writeFile(join(dir, PARTS_LIST), runs.map((name) => `file '${name}'\n`).join(''));
    const args = ['-f', 'concat', '-safe', '1', '-i', PARTS_LIST, '-map', '0', '-c', 'copy', '-f', 'matroska'];
    await runFfmpeg(this.#deps.ffmpegPath, [...args, REPLAY_FILE], { cwd: dir });
    const videoId = await this.#deps.videos.reserveReplayVideo(stream.id);
    const details = { hostId: stream.host_id, title: stream.title, visibility: stream.visibility };
    await this.#deps.intake.accept(videoId, details, join(dir, REPLAY_FILE));
    await rm(dir, { recursive: true, force: true });
    this.#deps.log.info({ streamId: stream.id, videoId, runs: runs.length }, 'replay handed to the media pipeline');
    return videoId;
  }
}
