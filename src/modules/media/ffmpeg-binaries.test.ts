import { execFile } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../config.ts';
import {
  describeTool,
  mediaToolsCheck,
  npmPackagedTool,
  resolveMediaTools,
  type ToolLookup,
} from './ffmpeg-binaries.ts';
import { makeTempDir } from './media-test-support.ts';

const exec = promisify(execFile);
const UNSET = { ffmpegPath: undefined, ffprobePath: undefined };

/** The first line of `<binary> -version`, read independently of the resolver. */
async function banner(binary: string): Promise<string> {
  return (await exec(binary, ['-version'])).stdout.split('\n', 1)[0] ?? '';
}

describe('finding ffmpeg and ffprobe', () => {
  let dir = '';
  let remove = async () => {};
  let npmFfmpeg = '';
  let npmFfprobe = '';
  /** A PATH with nothing on it, and the npm packages as they are installed. */
  let bareMachine: ToolLookup;

  beforeAll(async () => {
    ({ dir, remove } = await makeTempDir());
    npmFfmpeg = npmPackagedTool('ffmpeg');
    npmFfprobe = npmPackagedTool('ffprobe');
    await mkdir(join(dir, 'empty'));
    bareMachine = { searchPath: join(dir, 'empty'), packaged: npmPackagedTool };
  });
  afterAll(() => remove());

  const script = async (name: string, body: string) => {
    const file = join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  };

  it('takes the binaries the npm packages ship when PATH has none, and says where they came from', async () => {
    expect(npmFfmpeg).toContain('node_modules/@ffmpeg-installer/');
    expect(npmFfprobe).toContain('node_modules/@ffprobe-installer/');
    const tools = await resolveMediaTools(UNSET, bareMachine);
    expect(tools.ffmpeg).toMatchObject({ path: npmFfmpeg, source: 'npm' });
    expect(tools.ffprobe).toMatchObject({ path: npmFfprobe, source: 'npm' });
    expect(await banner(npmFfmpeg)).toContain(`ffmpeg version ${tools.ffmpeg?.version} `);
    expect(await banner(npmFfprobe)).toContain(`ffprobe version ${tools.ffprobe?.version} `);
    expect(tools.passedOver).toEqual([]);
    if (!tools.ffmpeg) throw new Error('no ffmpeg');
    expect(describeTool('ffmpeg', tools.ffmpeg)).toBe(
      `ffmpeg ${tools.ffmpeg.version} from the npm package @ffmpeg-installer/ffmpeg (${npmFfmpeg})`,
    );
  });

  it('prefers the binaries on PATH to the npm packages', async () => {
    const bin = join(dir, 'bin');
    await mkdir(bin);
    await symlink(npmFfmpeg, join(bin, 'ffmpeg'));
    await symlink(npmFfprobe, join(bin, 'ffprobe'));
    const tools = await resolveMediaTools(UNSET, { ...bareMachine, searchPath: `${join(dir, 'empty')}:${bin}` });
    expect(tools.ffmpeg).toMatchObject({ path: join(bin, 'ffmpeg'), source: 'PATH' });
    expect(tools.ffprobe).toMatchObject({ path: join(bin, 'ffprobe'), source: 'PATH' });
  });

  it('passes over an ffmpeg on PATH that lacks an encoder the pipeline needs, and says why', async () => {
    const bin = join(dir, 'bin-lacking');
    await mkdir(bin);
    // Answers `-version` like ffmpeg, but lists no encoders.
    await writeFile(join(bin, 'ffmpeg'), '#!/bin/sh\necho "ffmpeg version 9.9-stripped"\n');
    await chmod(join(bin, 'ffmpeg'), 0o755);
    const tools = await resolveMediaTools(UNSET, { ...bareMachine, searchPath: bin });
    expect(tools.ffmpeg).toMatchObject({ path: npmFfmpeg, source: 'npm' });
    expect(tools.passedOver).toEqual([
      `the ffmpeg on PATH (${join(bin, 'ffmpeg')}) is not usable: it has no libx264, aac, mjpeg, libwebp_anim encoders`,
    ]);
  });

  it('uses FFMPEG_PATH and FFPROBE_PATH before anything else', async () => {
    const tools = await resolveMediaTools(
      { ffmpegPath: npmFfmpeg, ffprobePath: npmFfprobe },
      { searchPath: join(dir, 'bin'), packaged: () => '/nowhere' },
    );
    expect(tools.ffmpeg).toMatchObject({ path: npmFfmpeg, source: 'setting' });
    expect(tools.ffprobe).toMatchObject({ path: npmFfprobe, source: 'setting' });
  });

  it('stops with an error naming the setting when FFMPEG_PATH or FFPROBE_PATH does not work, never falling back', async () => {
    const notAProgram = join(dir, 'ffmpeg.txt');
    await writeFile(notAProgram, 'not a program');
    const attempt = (settings: { ffmpegPath?: string; ffprobePath?: string }) =>
      resolveMediaTools({ ...UNSET, ...settings }, bareMachine).catch((error: unknown) => error);

    const missing = await attempt({ ffmpegPath: notAProgram });
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as Error).message).toBe(
      `FFMPEG_PATH=${JSON.stringify(notAProgram)} names no executable file. ` +
        `Point it at a working ffmpeg, or unset it to use the one on PATH or the npm package's.`,
    );
    expect(await attempt({ ffmpegPath: join(dir, 'no-such-ffmpeg') })).toBeInstanceOf(ConfigError);

    const silent = await attempt({ ffmpegPath: await script('silent', 'exit 0') });
    expect((silent as Error).message).toMatch(/^FFMPEG_PATH=".*silent" is not a usable ffmpeg: it is not ffmpeg /);
    const failing = await attempt({ ffmpegPath: await script('failing', 'echo "cannot run here" >&2; exit 3') });
    expect((failing as Error).message).toMatch(
      /^FFMPEG_PATH=".*failing" is not a usable ffmpeg: `-version` exited with 3 \(cannot run here\)\. /,
    );
    const swapped = await attempt({ ffprobePath: npmFfmpeg });
    expect(swapped).toBeInstanceOf(ConfigError);
    expect((swapped as Error).message).toMatch(/^FFPROBE_PATH=".*" is not a usable ffprobe: it is not ffprobe /);
  });

  it('finds nothing on a machine without either, and fails the readiness check of the roles that need them', async () => {
    const tools = await resolveMediaTools(UNSET, {
      searchPath: join(dir, 'empty'),
      packaged: () => {
        throw new Error('Unsupported platform/architecture: linux-riscv64');
      },
    });
    expect(tools).toMatchObject({ ffmpeg: null, ffprobe: null });
    expect(tools.passedOver).toContain(
      'the npm package @ffmpeg-installer/ffmpeg has no ffmpeg: Unsupported platform/architecture: linux-riscv64',
    );
    await expect(mediaToolsCheck(tools, ['worker'])()).rejects.toThrow(
      /^no usable ffmpeg or ffprobe was found\. Install ffmpeg \(apt-get install ffmpeg.*\), or set FFMPEG_PATH/,
    );
    await expect(mediaToolsCheck(tools, ['api'])()).rejects.toThrow(/^no usable ffprobe was found/);
    const probeOnly = { ...tools, ffprobe: { path: npmFfprobe, version: 'x', source: 'npm' as const } };
    await expect(mediaToolsCheck(probeOnly, ['api'])()).resolves.toBeUndefined();
    await expect(mediaToolsCheck(probeOnly, ['worker'])()).rejects.toThrow(/^no usable ffmpeg was found/);
  });

  it('passes over a packaged binary this user may not run (its install script did not make it executable)', async () => {
    const unexecutable = join(dir, 'packaged-ffmpeg');
    await writeFile(unexecutable, 'an ELF file, once');
    await chmod(unexecutable, 0o644);
    const tools = await resolveMediaTools(UNSET, { ...bareMachine, packaged: () => unexecutable });
    expect(tools.ffmpeg).toBeNull();
    expect(tools.passedOver).toContain(
      `the ffmpeg of the npm package @ffmpeg-installer/ffmpeg (${unexecutable}) is not executable by this user`,
    );
  });
});
