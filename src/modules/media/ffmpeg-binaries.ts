import { createRequire } from 'node:module';
import { ConfigError, type Role } from '../../config.ts';
import type { Logger } from '../../platform/logger.ts';
import { ffmpegEncoders } from './encoders.ts';
import { lastLines, locateExecutable, runTool } from './run-tool.ts';

export type ToolName = 'ffmpeg' | 'ffprobe';

/** Where a binary came from, in the order they are tried: its setting, PATH, the npm package that ships one. */
export type ToolSource = 'setting' | 'PATH' | 'npm';

export interface MediaTool {
  /** Absolute path of the executable. */
  path: string;
  /** As the binary prints it: `5.1.9-0+deb12u1`, `N-47683-g0e8eb07980-static`. */
  version: string;
  source: ToolSource;
}

export interface MediaTools {
  /** null: no usable one was found. */
  ffmpeg: MediaTool | null;
  ffprobe: MediaTool | null;
  /** Candidates passed over and why, one sentence each, for the log. */
  passedOver: string[];
}

/** Where to look besides the settings; tests replace it to stand for a machine without one or the other. */
export interface ToolLookup {
  /** Searched like the shell does; this process's PATH by default. */
  searchPath: string;
  /** The path of the binary an npm package ships for this platform; throws when there is none. */
  packaged(tool: ToolName): string;
}

export const TOOL_SETTINGS = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' } as const satisfies Record<
  ToolName,
  string
>;
export const TOOL_PACKAGES = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
} as const satisfies Record<ToolName, string>;

/** Encoders every processing pass uses (ladder, audio, poster and sprite, preview): an ffmpeg without one is no use. */
export const REQUIRED_ENCODERS = ['libx264', 'aac', 'mjpeg', 'libwebp_anim'] as const;

export const INSTALL_HINT =
  'Install ffmpeg (apt-get install ffmpeg, dnf install ffmpeg, brew install ffmpeg), or set FFMPEG_PATH and ' +
  'FFPROBE_PATH to its binaries, then restart.';

/** A binary that has not answered `-version` by then is taken as broken. */
const ANSWER_WITHIN_MS = 10_000;

const require = createRequire(import.meta.url);

/** The binaries `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe` install for this platform. */
export function npmPackagedTool(tool: ToolName): string {
  let exported: unknown;
  try {
    exported = require(TOOL_PACKAGES[tool]);
  } catch (error) {
    // These packages throw a plain string on a platform they have no binary for.
    throw new Error(error instanceof Error ? error.message : String(error));
  }
  const path = (exported as { path?: unknown } | null)?.path;
  if (typeof path !== 'string') throw new Error('it exports no binary path');
  return path;
}

export const DEFAULT_LOOKUP: ToolLookup = {
  get searchPath() {
    return process.env.PATH ?? '';
  },
  packaged: npmPackagedTool,
};

/**
 * Finds the ffmpeg and ffprobe this process runs, once, at start. Each is taken from its setting when set (and
 * must work: a wrong setting is a ConfigError, never quietly replaced), else from PATH, else from the npm package
 * that ships one. A candidate counts when it runs, says it is that tool, and (ffmpeg) has REQUIRED_ENCODERS.
 */
export async function resolveMediaTools(
  settings: { ffmpegPath: string | undefined; ffprobePath: string | undefined },
  lookup: ToolLookup = DEFAULT_LOOKUP,
): Promise<MediaTools> {
  const passedOver: string[] = [];
  const [ffmpeg, ffprobe] = await Promise.all([
    resolveTool('ffmpeg', settings.ffmpegPath, lookup, passedOver),
    resolveTool('ffprobe', settings.ffprobePath, lookup, passedOver),
  ]);
  return { ffmpeg, ffprobe, passedOver };
}

async function resolveTool(
  tool: ToolName,
  setting: string | undefined,
  lookup: ToolLookup,
  passedOver: string[],
): Promise<MediaTool | null> {
  if (setting !== undefined) {
    const named = `${TOOL_SETTINGS[tool]}=${JSON.stringify(setting)}`;
    const path = await locateExecutable(setting, undefined, lookup.searchPath);
    if (path === null) throw new ConfigError(`${named} names no executable file. ${unsetHint(tool)}`);
    const checked = await examine(tool, path);
    if (typeof checked === 'string') {
      throw new ConfigError(`${named} is not a usable ${tool}: ${checked}. ${unsetHint(tool)}`);
    }
    return { path, version: checked.version, source: 'setting' };
  }

  const onPath = await locateExecutable(tool, undefined, lookup.searchPath);
  if (onPath !== null) {
    const checked = await examine(tool, onPath);
    if (typeof checked !== 'string') return { path: onPath, version: checked.version, source: 'PATH' };
    passedOver.push(`the ${tool} on PATH (${onPath}) is not usable: ${checked}`);
  }

  let packaged: string;
  try {
    packaged = lookup.packaged(tool);
  } catch (error) {
    passedOver.push(`the npm package ${TOOL_PACKAGES[tool]} has no ${tool}: ${(error as Error).message}`);
    return null;
  }
  const ofPackage = `the ${tool} of the npm package ${TOOL_PACKAGES[tool]} (${packaged})`;
  if ((await locateExecutable(packaged, undefined)) === null) {
    // Its install script makes it executable for the user who ran `npm install` (`chmod u+x`), and no one else.
    passedOver.push(`${ofPackage} is not executable by this user`);
    return null;
  }
  const checked = await examine(tool, packaged);
  if (typeof checked !== 'string') return { path: packaged, version: checked.version, source: 'npm' };
  passedOver.push(`${ofPackage} is not usable: ${checked}`);
  return null;
}

/** The build's version, or what is wrong with the binary at `path`. */
async function examine(tool: ToolName, path: string): Promise<{ version: string } | string> {
  let banner: string;
  try {
    const result = await runTool(path, ['-version'], { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    if (result.exitCode !== 0) {
      const detail = lastLines(result.stderrTail, 1);
      return `\`-version\` exited with ${result.exitCode ?? result.exitSignal}${detail ? ` (${detail})` : ''}`;
    }
    banner = result.stdout.split('\n', 1)[0] ?? '';
  } catch (error) {
    return (error as Error).message.replace(/\.$/, '');
  }
  const version = new RegExp(`^${tool} version (\\S+)`).exec(banner)?.[1];
  if (!version) return `it is not ${tool} (\`-version\` printed ${JSON.stringify(banner.slice(0, 60))})`;
  if (tool === 'ffmpeg') {
    const encoders = await ffmpegEncoders(path);
    const missing = REQUIRED_ENCODERS.filter((name) => !encoders.has(name));
    if (missing.length > 0) return `it has no ${missing.join(', ')} encoder${missing.length > 1 ? 's' : ''}`;
  }
  return { version };
}

function unsetHint(tool: ToolName): string {
  return `Point it at a working ${tool}, or unset it to use the one on PATH or the npm package's.`;
}

/** What a process with these roles runs: the worker both; the api ffprobe, which checks uploads. */
export function toolsNeeded(roles: readonly Role[]): ToolName[] {
  return roles.includes('worker') ? ['ffmpeg', 'ffprobe'] : roles.includes('api') ? ['ffprobe'] : [];
}

/** The tools these roles need that were not found. */
export function missingTools(tools: MediaTools, roles: readonly Role[]): ToolName[] {
  return toolsNeeded(roles).filter((tool) => tools[tool] === null);
}

export function missingToolsMessage(missing: readonly ToolName[]): string {
  return `no usable ${missing.join(' or ')} was found. ${INSTALL_HINT}`;
}

/** The readiness check: fails while a tool the roles need is missing. */
export function mediaToolsCheck(tools: MediaTools, roles: readonly Role[]): () => Promise<void> {
  return async () => {
    const missing = missingTools(tools, roles);
    if (missing.length > 0) throw new Error(missingToolsMessage(missing));
  };
}

/** `ffmpeg N-47683-g0e8eb07980-static from the npm package @ffmpeg-installer/ffmpeg (/…/ffmpeg)`. */
export function describeTool(tool: ToolName, found: MediaTool): string {
  const origin =
    found.source === 'setting'
      ? TOOL_SETTINGS[tool]
      : found.source === 'PATH'
        ? 'PATH'
        : `the npm package ${TOOL_PACKAGES[tool]}`;
  return `${tool} ${found.version} from ${origin} (${found.path})`;
}

/** The start-up lines: which binaries run and where they came from, what was passed over, what is missing. */
export function logMediaTools(log: Logger, tools: MediaTools, roles: readonly Role[]): void {
  const needed = toolsNeeded(roles);
  const found = needed.flatMap((tool) => {
    const chosen = tools[tool];
    return chosen ? [describeTool(tool, chosen)] : [];
  });
  for (const note of tools.passedOver) log.warn(`passed over ${note}`);
  if (found.length > 0) log.info({ ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe }, `using ${found.join(' and ')}`);
  const missing = missingTools(tools, roles);
  if (missing.length > 0) {
    const effects = [
      ...(roles.includes('worker') ? ['this process takes no videos to process'] : []),
      ...(roles.includes('api') && missing.includes('ffprobe') ? ['uploads are refused'] : []),
      ...(roles.includes('api') ? ['/readyz answers 503'] : []),
    ];
    log.error({ missing }, `${missingToolsMessage(missing)} Until then ${effects.join(', ')}.`);
  }
}
