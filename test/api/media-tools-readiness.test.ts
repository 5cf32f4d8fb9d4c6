import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { npmPackagedTool, type ToolLookup } from '../../src/modules/media/ffmpeg-binaries.ts';
import { PROCESS_VIDEO_QUEUE } from '../../src/modules/media/queues.ts';
import { type RunningLooply, startLooply } from '../../src/server.ts';
import { createApiClient } from '../support/api-client.ts';
import { testConfig } from '../support/looply.ts';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** An api + worker Looply whose search for ffmpeg goes through `lookup`, with its log lines kept. */
async function startWith(dataDir: string, lookup: ToolLookup, env: Record<string, string> = {}) {
  if (!dataDir) throw new Error('startWith needs a data directory');
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const looply = await startLooply(testConfig(dataDir, { LOG_LEVEL: 'info', ...env }), {
    log: pino({ level: 'info' }, sink),
    toolLookup: lookup,
  });
  return { looply, lines, api: createApiClient(looply.url ?? '') };
}

describe('the media tools a fresh machine has, at start and in /readyz', () => {
  let dataDir = '';
  let looply: RunningLooply | undefined;
  afterEach(async () => {
    await looply?.close();
    looply = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Makes this test's data directory, with an empty folder in it to stand for PATH. */
  const emptyPath = async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'looply-tools-'));
    await mkdir(join(dataDir, 'empty-bin'));
    return join(dataDir, 'empty-bin');
  };

  it('without any ffmpeg: the media check fails, the log says how to install one, and no video is taken', async () => {
    const searchPath = await emptyPath();
    const started = await startWith(dataDir, {
      searchPath,
      packaged: () => {
        throw new Error('Unsupported platform/architecture: linux-riscv64');
      },
    });
    looply = started.looply;

    const ready = await started.api('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not ready');
    expect(ready.body.checks).toMatchObject({ database: 'ok', cache: 'ok', events: 'ok', jobs: 'ok', blobs: 'ok' });
    expect(ready.body.checks.media).toMatch(
      /^no usable ffmpeg or ffprobe was found\. Install ffmpeg \(apt-get install/,
    );
    expect(ready.body.checks.media).toContain('set FFMPEG_PATH');

    const hint = started.lines.find((line) => line.level === 50 && line.msg.includes('apt-get install ffmpeg'));
    expect(hint?.msg).toContain('or set FFMPEG_PATH and FFPROBE_PATH');
    expect(hint?.msg).toContain('this process takes no videos to process');
    expect(started.lines.map((line) => line.msg)).toContain(
      'passed over the npm package @ffmpeg-installer/ffmpeg has no ffmpeg: Unsupported platform/architecture: linux-riscv64',
    );
    const workerStarted = started.lines.find((line) => line.msg === 'worker started');
    expect(workerStarted?.queues).not.toContain(PROCESS_VIDEO_QUEUE);
  });

  it("with none on PATH: it runs the npm packages' binaries, says so at start, and is ready", async () => {
    const searchPath = await emptyPath();
    const started = await startWith(dataDir, { searchPath, packaged: npmPackagedTool }, { AV1_ENABLED: 'on' });
    looply = started.looply;

    const ready = await started.api('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.media).toBe('ok');

    const using = started.lines.find((line) => line.msg.startsWith('using ffmpeg'));
    expect(using?.msg).toMatch(
      /^using ffmpeg \S+ from the npm package @ffmpeg-installer\/ffmpeg \(.+\) and ffprobe \S+ from the npm package @ffprobe-installer\/ffprobe \(.+\)$/,
    );
    expect(using?.ffmpeg).toMatchObject({ path: npmPackagedTool('ffmpeg'), source: 'npm' });
    const av1 = started.lines.find((line) => line.msg.startsWith('AV1_ENABLED is on'));
    expect(av1?.msg).toContain('has no libsvtav1 encoder');
    expect(started.lines.find((line) => line.msg === 'worker started')?.queues).toContain(PROCESS_VIDEO_QUEUE);
  });
});
