import { spawn } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FFMPEG, liveProcesses, makeTempDir } from './media-test-support.ts';
import { runTool } from './run-tool.ts';

const RUN_TOOL = new URL('./run-tool.ts', import.meta.url).href;

/** A minute of a test pattern read in real time, written nowhere; `marker` names it among the processes. */
const endlessArgs = (marker: string) => [
  ...['-hide_banner', '-nostdin', '-re', '-f', 'lavfi', '-i', 'testsrc2=s=64x64:r=10:d=60'],
  ...['-f', 'null', marker],
];

const processesInGroup = async (pgid: number) => (await liveProcesses()).filter((p) => p.pgid === pgid);

describe('runTool', () => {
  let dir = '';
  let remove = async () => {};
  /** Processes a failing test may leave running, killed after it. */
  const strays: number[] = [];
  beforeAll(async () => {
    ({ dir, remove } = await makeTempDir());
  });
  afterEach(() => {
    for (const pid of strays.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });
  afterAll(() => remove());

  /** The one live process running ffmpeg on `marker`, once it has started. */
  const ffmpegOn = async (marker: string) => {
    let found: { pid: number; pgid: number } | undefined;
    await vi.waitFor(
      async () => {
        const matches = (await liveProcesses()).filter((p) => p.args.includes(marker) && p.args.includes('-re'));
        expect(matches).toHaveLength(1);
        found = matches[0];
      },
      { timeout: 10_000, interval: 20 },
    );
    if (!found) throw new Error('unreachable');
    strays.push(found.pid);
    return found;
  };

  it('kills the tool when the process that started it is killed with SIGKILL', async () => {
    const marker = join(dir, 'orphan-to-be');
    const owner = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { runTool } from ${JSON.stringify(RUN_TOOL)};
         await runTool(process.env.TOOL, JSON.parse(process.env.TOOL_ARGS));`,
      ],
      { env: { ...process.env, TOOL: FFMPEG, TOOL_ARGS: JSON.stringify(endlessArgs(marker)) }, stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => owner.on('exit', resolve));
    const tool = await ffmpegOn(marker);
    expect(tool.pgid).not.toBe(owner.pid);

    owner.kill('SIGKILL');
    await exited;
    await vi.waitFor(async () => expect((await liveProcesses()).filter((p) => p.pid === tool.pid)).toEqual([]), {
      timeout: 5_000,
      interval: 20,
    });
    // The watchdog goes with the tool: nothing is left in the group.
    await vi.waitFor(async () => expect(await processesInGroup(tool.pgid)).toEqual([]), {
      timeout: 5_000,
      interval: 20,
    });
  });

  it('kills the tool and its watchdog when aborted', async () => {
    const marker = join(dir, 'aborted');
    const controller = new AbortController();
    const run = runTool(FFMPEG, endlessArgs(marker), { signal: controller.signal });
    const tool = await ffmpegOn(marker);
    controller.abort();
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
    await vi.waitFor(async () => expect(await processesInGroup(tool.pgid)).toEqual([]), {
      timeout: 5_000,
      interval: 20,
    });
  });

  it("passes the tool's own exit code, signal and output, and its watchdog ends with it", async () => {
    const fake = join(dir, 'fake-tool');
    // Prints its process group and arguments, then ends as the first argument says.
    await writeFile(
      fake,
      '#!/bin/sh\nread -r _ _ _ _ pgid _ < /proc/self/stat\necho "$pgid"\nprintf "%s|" "$@"\n' +
        'case "$1" in kill) kill -s TERM $$ ;; *) exit "$1" ;; esac\n',
    );
    await chmod(fake, 0o755);

    const odd = await runTool(fake, ['3', 'a b\'; $(touch x) "c"', '*']);
    expect(odd).toMatchObject({ exitCode: 3, exitSignal: null });
    const [pgid, printed] = odd.stdout.split('\n');
    expect(printed).toBe(`3|a b'; $(touch x) "c"|*|`);
    await vi.waitFor(async () => expect(await processesInGroup(Number(pgid))).toEqual([]), {
      timeout: 5_000,
      interval: 20,
    });

    expect(await runTool(fake, ['kill'])).toMatchObject({ exitCode: null, exitSignal: 'SIGTERM' });
    expect(await runTool(fake, ['127'], { cwd: dir })).toMatchObject({ exitCode: 127 });
    await expect(runTool('./fake-tool', ['0'], { cwd: dir })).resolves.toMatchObject({ exitCode: 0 });
    await expect(runTool('no-such-tool-anywhere', [])).rejects.toMatchObject({ code: 'FFMPEG_NOT_FOUND' });
  });
});
