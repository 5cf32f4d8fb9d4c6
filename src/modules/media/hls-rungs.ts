import type { MediaInfo } from './probe.ts';

export interface Rung {
  /** `<short side>p`, e.g. `480p`. */
  name: string;
  shortSide: number;
  width: number;
  height: number;
  /** Peak video bitrate (the x264 VBV cap on a constant-quality encode). */
  videoMaxKbps: number;
  audioKbps: number;
}

/** A rung this close below the source's short side already shows it in full; no extra source-sized rung. */
const NEAR_SOURCE = 0.9;

/**
 * The ladder for one source. Rungs are target short sides, so one list serves portrait and landscape.
 * Never upscales: rungs above the source's short side are dropped and replaced by one rung at the source's
 * own size, so a 360x640 source asked for [240, 480, 720] gets 240p and 360p. Sorted smallest first.
 */
export function chooseRungs(info: Pick<MediaInfo, 'width' | 'height' | 'fps'>, wanted: readonly number[]): Rung[] {
  const sourceShort = Math.min(info.width, info.height);
  const asked = [...new Set(wanted.map(Math.round))].filter((r) => r > 0).sort((a, b) => a - b);
  const kept = asked.filter((r) => r <= sourceShort);
  const top = kept.at(-1);
  if (kept.length < asked.length || asked.length === 0) {
    if (top === undefined || top < sourceShort * NEAR_SOURCE) kept.push(sourceShort);
  }
  const rungs = kept.map((short) => rungFor(info, short));
  // Rounding to even sizes can make two rungs identical.
  return rungs.filter((rung, i) => i === 0 || rung.shortSide !== rungs[i - 1]?.shortSide);
}

function rungFor(info: Pick<MediaInfo, 'width' | 'height' | 'fps'>, short: number): Rung {
  const { width, height } = fitShortSide(info, short);
  const shortSide = Math.min(width, height);
  return {
    name: `${shortSide}p`,
    shortSide,
    width,
    height,
    videoMaxKbps: Math.round(videoKbpsAt30(shortSide) * (info.fps > 40 ? 1.5 : 1)),
    audioKbps: shortSide <= 360 ? 64 : shortSide <= 480 ? 96 : 128,
  };
}

/** Scales a picture so its short side is `short` (never above the source's), keeping aspect; even dimensions. */
export function fitShortSide(
  info: Pick<MediaInfo, 'width' | 'height'>,
  short: number,
): { width: number; height: number } {
  const sourceShort = Math.min(info.width, info.height);
  const sourceLong = Math.max(info.width, info.height);
  const targetShort = Math.max(2, Math.floor(Math.min(short, sourceShort) / 2) * 2);
  const targetLong = Math.max(2, Math.round((targetShort * sourceLong) / sourceShort / 2) * 2);
  return info.width < info.height
    ? { width: targetShort, height: targetLong }
    : { width: targetLong, height: targetShort };
}

/** Short side → peak kbps for 30 fps H.264, interpolated between common ladder points. */
const KBPS_POINTS: ReadonlyArray<readonly [number, number]> = [
  [144, 250],
  [240, 400],
  [360, 800],
  [480, 1200],
  [720, 2500],
  [1080, 5000],
  [1440, 9000],
  [2160, 16000],
];

function videoKbpsAt30(short: number): number {
  let previous = KBPS_POINTS[0] ?? [0, 0];
  if (short <= previous[0]) return previous[1];
  for (const point of KBPS_POINTS) {
    if (short <= point[0]) {
      const t = (short - previous[0]) / (point[0] - previous[0]);
      return previous[1] + t * (point[1] - previous[1]);
    }
    previous = point;
  }
  return previous[1];
}
