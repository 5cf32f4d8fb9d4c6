import { badRequest } from '../../platform/errors.ts';
import { escapeFilterValue } from './filter-text.ts';

/**
 * Colour filters a person can pick by name. Each maps to a fixed ffmpeg filter string: nothing a person sends
 * is ever placed into a filtergraph.
 */
export const COLOUR_FILTERS = {
  none: null,
  mono: 'hue=s=0',
  warm: 'colorbalance=rs=0.12:gs=0.03:bs=-0.12:rm=0.08:bm=-0.08',
  cool: 'colorbalance=rs=-0.12:gs=0.01:bs=0.12:rm=-0.08:bm=0.08',
  vivid: 'eq=saturation=1.5:contrast=1.06',
  vintage: 'curves=preset=vintage',
} as const satisfies Record<string, string | null>;

export type ColourFilter = keyof typeof COLOUR_FILTERS;

/** Effects chosen at upload, applied in the processing pass, kept on the video so a retry applies the same. */
export interface Effects {
  trimStartMs: number;
  /** null: to the end. */
  trimEndMs: number | null;
  /** 0.5 to 2; audio keeps its pitch. */
  speed: number;
  filter: ColourFilter;
  /** Drawn over the picture; null for none. */
  textOverlay: string | null;
}

export const NO_EFFECTS: Effects = { trimStartMs: 0, trimEndMs: null, speed: 1, filter: 'none', textOverlay: null };

export const MIN_SPEED = 0.5;
export const MAX_SPEED = 2;
export const MAX_TEXT_OVERLAY = 100;
const MAX_TRIM_MS = 3_600_000;

/** The multipart fields `trim_start_ms`, `trim_end_ms`, `speed`, `filter`, `text_overlay`; 400 on a bad one. */
export function parseEffects(fields: Readonly<Record<string, string | undefined>>): Effects {
  const trimStartMs = trimPoint(fields.trim_start_ms, 'trim_start_ms') ?? 0;
  const trimEndMs = trimPoint(fields.trim_end_ms, 'trim_end_ms');
  if (trimEndMs !== null && trimEndMs <= trimStartMs) {
    throw badRequest('INVALID_TRIM', 'trim_end_ms must come after trim_start_ms.');
  }

  let speed = 1;
  if (present(fields.speed)) {
    speed = Number(fields.speed);
    if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
      throw badRequest('INVALID_SPEED', `speed must be a number from ${MIN_SPEED} to ${MAX_SPEED}.`);
    }
  }

  const filter = present(fields.filter) ? fields.filter.trim().toLowerCase() : 'none';
  if (!Object.hasOwn(COLOUR_FILTERS, filter)) {
    throw badRequest('INVALID_FILTER', `filter must be one of ${Object.keys(COLOUR_FILTERS).join(', ')}.`);
  }

  // Line breaks and control characters would only confuse drawtext; one line of words is what is drawn.
  const text = (fields.text_overlay ?? '').replace(/\p{Cc}+/gu, ' ').trim();
  if ([...text].length > MAX_TEXT_OVERLAY) {
    throw badRequest('TEXT_OVERLAY_TOO_LONG', `text_overlay has at most ${MAX_TEXT_OVERLAY} characters.`);
  }

  return { trimStartMs, trimEndMs, speed, filter: filter as ColourFilter, textOverlay: text || null };
}

/** Effects read back from storage; anything unknown falls back to no effect. */
export function effectsFromStored(stored: unknown): Effects {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Partial<Effects>;
  return {
    trimStartMs: typeof value.trimStartMs === 'number' ? value.trimStartMs : 0,
    trimEndMs: typeof value.trimEndMs === 'number' ? value.trimEndMs : null,
    speed: typeof value.speed === 'number' && value.speed >= MIN_SPEED && value.speed <= MAX_SPEED ? value.speed : 1,
    filter: typeof value.filter === 'string' && Object.hasOwn(COLOUR_FILTERS, value.filter) ? value.filter : 'none',
    textOverlay: typeof value.textOverlay === 'string' && value.textOverlay ? value.textOverlay : null,
  };
}

/** The length of the published video: the trimmed part of the source, played at `speed`. */
export function publishedDurationMs(sourceDurationMs: number, effects: Effects): number {
  const end = Math.min(effects.trimEndMs ?? sourceDurationMs, sourceDurationMs);
  return Math.max(0, Math.round((end - effects.trimStartMs) / effects.speed));
}

/** Input options that cut the source to the trim before it is decoded further (placed before its `-i`). */
export function trimInputArgs(effects: Effects, sourceDurationMs: number): string[] {
  const args: string[] = [];
  if (effects.trimStartMs > 0) args.push('-ss', (effects.trimStartMs / 1000).toFixed(3));
  if (effects.trimEndMs !== null && effects.trimEndMs < sourceDurationMs) {
    args.push('-t', ((effects.trimEndMs - effects.trimStartMs) / 1000).toFixed(3));
  }
  return args;
}

/** Video filters that change time: played at `speed` (frames are then resampled to a steady rate). */
export function speedFilters(effects: Effects): string[] {
  return effects.speed === 1 ? [] : [`setpts=PTS/${effects.speed}`];
}

/**
 * Video filters that change the picture, for a picture `width`x`height`: colour, then text. `textFile` is a file
 * we wrote holding the overlay text (drawtext reads it, so the text is never parsed as filtergraph).
 */
export function lookFilters(
  effects: Effects,
  picture: { width: number; height: number },
  textFile: string | null,
): string[] {
  const filters: string[] = [];
  const colour = COLOUR_FILTERS[effects.filter];
  if (colour) filters.push(colour);
  if (effects.textOverlay && textFile) {
    const fontSize = textOverlayFontSize(picture);
    filters.push(
      `drawtext=${[
        "font='DejaVu Sans'",
        `textfile=${escapeFilterValue(textFile)}`,
        'expansion=none',
        `fontsize=${fontSize}`,
        'fontcolor=white',
        'box=1',
        'boxcolor=black@0.5',
        `boxborderw=${Math.max(2, Math.round(fontSize / 3))}`,
        `line_spacing=${Math.round(fontSize / 4)}`,
        'x=(w-text_w)/2',
        'y=h*0.72',
      ].join(':')}`,
    );
  }
  return filters;
}

export function textOverlayFontSize(picture: { width: number; height: number }): number {
  return Math.max(10, Math.round(Math.min(picture.width, picture.height) * 0.065));
}

/** How many characters fit on a line of the overlay, for wrapping before drawtext draws it. */
export function textOverlayColumns(picture: { width: number; height: number }): number {
  return Math.max(8, Math.floor((picture.width * 0.9) / (textOverlayFontSize(picture) * 0.6)));
}

/** Audio filters for the effects: tempo without a pitch change. */
export function audioEffectFilters(effects: Effects): string[] {
  return effects.speed === 1 ? [] : [`atempo=${effects.speed}`];
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function trimPoint(raw: string | undefined, name: string): number | null {
  if (!present(raw)) return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > MAX_TRIM_MS) {
    throw badRequest('INVALID_TRIM', `${name} must be a whole number of milliseconds from 0 to ${MAX_TRIM_MS}.`);
  }
  return value;
}
