import { LIVE } from '../../config.ts';

export interface LiveSource {
  width: number;
  height: number;
  hasAudio: boolean;
}

export interface LiveRung {
  width: number;
  height: number;
  videoKbps: number;
}

const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);

/**
 * The renditions of a source: each rung of LIVE.ladder by short side that the source reaches (never upscaled); a
 * source smaller than every rung gets one rendition at its own size. An unknown size (no metadata) gets the
 * smallest rung's bitrate at the source's size.
 */
export function liveLadder(
  source: LiveSource,
  ladder: readonly { shortSide: number; videoKbps: number }[] = LIVE.ladder,
): LiveRung[] {
  const smallest = ladder.reduce((low, rung) => (rung.shortSide < low.shortSide ? rung : low));
  const shortSide = Math.min(source.width, source.height);
  if (shortSide <= 0) return [{ width: 0, height: 0, videoKbps: smallest.videoKbps }];
  const fitting = ladder.filter((rung) => rung.shortSide <= shortSide);
  const rungs = fitting.length > 0 ? fitting : [{ shortSide, videoKbps: smallest.videoKbps }];
  return rungs.map((rung) => {
    const scale = rung.shortSide / shortSide;
    return { width: even(source.width * scale), height: even(source.height * scale), videoKbps: rung.videoKbps };
  });
}

/**
 * ffmpeg's arguments for one run of a stream's transcode: the RTMP input (an address we build, never user text) to
 * fMP4 HLS in `v<n>/` per rendition, 1 s segments starting on a keyframe every second, a short live playlist.
 * `run` names the files of this run, so a restarted ffmpeg never overwrites a segment a viewer may have cached.
 * With `recording` (a path we build), the publisher's own streams are also copied there for the replay.
 */
export function liveTranscodeArgs(
  input: string,
  source: LiveSource,
  run: number,
  preset: string,
  recording: string | null = null,
): string[] {
  const rungs = liveLadder(source);
  // Without a known size the picture keeps its own, made even (4:2:0 needs even sides).
  const size = (rung: LiveRung) =>
    rung.width > 0 ? `scale=${rung.width}:${rung.height},` : 'scale=trunc(iw/2)*2:trunc(ih/2)*2,';
  const filter = [
    `[0:v]split=${rungs.length}${rungs.map((_, i) => `[s${i}]`).join('')}`,
    ...rungs.map((rung, i) => `[s${i}]${size(rung)}format=yuv420p[o${i}]`),
  ].join(';');
  const maps = rungs.flatMap((_, i) => ['-map', `[o${i}]`, ...(source.hasAudio ? ['-map', '0:a:0'] : [])]);
  const bitrates = rungs.flatMap((rung, i) => [
    `-b:v:${i}`,
    `${rung.videoKbps}k`,
    `-maxrate:v:${i}`,
    `${rung.videoKbps}k`,
    `-bufsize:v:${i}`,
    `${rung.videoKbps}k`,
  ]);
  const streamMap = rungs.map((_, i) => (source.hasAudio ? `v:${i},a:${i}` : `v:${i}`)).join(' ');
  const seconds = LIVE.segmentSeconds;
  return [
    '-fflags',
    'nobuffer',
    '-i',
    input,
    '-filter_complex',
    filter,
    ...maps,
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-tune',
    'zerolatency',
    '-force_key_frames',
    `expr:gte(t,n_forced*${seconds})`,
    '-sc_threshold',
    '0',
    ...bitrates,
    ...(source.hasAudio ? ['-c:a', 'aac', '-b:a', `${LIVE.audioKbps}k`, '-ac', '2'] : []),
    '-f',
    'hls',
    '-hls_time',
    String(seconds),
    '-hls_list_size',
    String(LIVE.playlistSegments),
    '-hls_flags',
    'independent_segments+delete_segments+program_date_time+temp_file',
    '-hls_segment_type',
    'fmp4',
    '-hls_fmp4_init_filename',
    // ffmpeg 5.1 expands %v here only when there are several renditions (and refuses one without it then).
    rungs.length > 1 ? `init-r${run}-%v.mp4` : `init-r${run}.mp4`,
    '-hls_segment_filename',
    `v%v/r${run}-%05d.m4s`,
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    streamMap,
    'v%v/index.m3u8',
    ...(recording === null ? [] : recordingArgs(source, recording)),
  ];
}

/**
 * A second output: the publisher's video and audio as they came (no second encode), in Matroska, which takes any
 * codec a publisher sends. Written out cluster by cluster each second, so a run that is killed leaves all but its
 * last second readable.
 */
function recordingArgs(source: LiveSource, path: string): string[] {
  return [
    '-map',
    '0:v:0',
    ...(source.hasAudio ? ['-map', '0:a:0'] : []),
    '-c',
    'copy',
    '-flush_packets',
    '1',
    '-cluster_time_limit',
    '1000',
    '-f',
    'matroska',
    path,
  ];
}
