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
 * one fragmented MP4 per rendition on `pipe:3`, `pipe:4` … (hls-packager.ts makes LL-HLS of them): a keyframe
 * every segment, a fragment (an LL-HLS part) every LIVE.partSeconds, each written out as soon as it is complete.
 * With `recording` (a path we build), the publisher's own streams are also copied there for the replay.
 */
export function liveTranscodeArgs(
  input: string,
  rungs: readonly LiveRung[],
  hasAudio: boolean,
  preset: string,
  recording: string | null = null,
): string[] {
  // Without a known size the picture keeps its own, made even (4:2:0 needs even sides).
  const size = (rung: LiveRung) =>
    rung.width > 0 ? `scale=${rung.width}:${rung.height},` : 'scale=trunc(iw/2)*2:trunc(ih/2)*2,';
  const filter = [
    `[0:v]split=${rungs.length}${rungs.map((_, i) => `[s${i}]`).join('')}`,
    ...rungs.map((rung, i) => `[s${i}]${size(rung)}format=yuv420p[o${i}]`),
  ].join(';');
  const outputs = rungs.flatMap((rung, i) => [
    '-map',
    `[o${i}]`,
    ...(hasAudio ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', `${LIVE.audioKbps}k`, '-ac', '2'] : []),
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-tune',
    'zerolatency',
    '-force_key_frames',
    `expr:gte(t,n_forced*${LIVE.segmentSeconds})`,
    '-sc_threshold',
    '0',
    '-b:v',
    `${rung.videoKbps}k`,
    '-maxrate',
    `${rung.videoKbps}k`,
    '-bufsize',
    `${rung.videoKbps}k`,
    '-f',
    'mp4',
    '-movflags',
    'empty_moov+default_base_moof+frag_keyframe',
    '-frag_duration',
    String(Math.round(LIVE.partSeconds * 1_000_000)),
    '-flush_packets',
    '1',
    `pipe:${3 + i}`,
  ]);
  return [
    '-fflags',
    'nobuffer',
    '-i',
    input,
    '-filter_complex',
    filter,
    ...outputs,
    ...(recording === null ? [] : recordingArgs(hasAudio, recording)),
  ];
}

/**
 * A last output: the publisher's video and audio as they came (no second encode), in Matroska, which takes any
 * codec a publisher sends. Written out cluster by cluster each second, so a run that is killed leaves all but its
 * last second readable.
 */
function recordingArgs(hasAudio: boolean, path: string): string[] {
  return [
    '-map',
    '0:v:0',
    ...(hasAudio ? ['-map', '0:a:0'] : []),
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
