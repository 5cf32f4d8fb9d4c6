import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from './media-test-support.ts';
import { createRunDir, sweepDeadRunDirs, touchRunDir } from './run-dirs.ts';

const STALE_MS = 60_000;

/** The start time /proc gives a process: what a run directory's name records of its owner. */
async function startTimeOf(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

/** A process that is running until `end()`, which resolves once it has exited. */
function otherProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    pid: child.pid ?? 0,
    async end() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('temp directories of processing runs', () => {
  const temp = useTempDir();

  const ago = async (path: string, ms: number) => {
    const then = new Date(Date.now() - ms);
    await utimes(path, then, then);
  };

  it('removes the runs of dead processes and keeps those of live ones, here and elsewhere', async () => {
    const workDir = join(temp.dir, 'jobs');
    const mine = await createRunDir(workDir);
    await writeFile(join(mine, 'source'), 'in use');
    const [, host] = /^run-([0-9a-f]{12})-/.exec(basename(mine)) ?? [];
    expect(host).toBeDefined();
    const plant = async (name: string, ageMs = 0) => {
      const path = join(workDir, name);
      await mkdir(join(path, 'out'), { recursive: true });
      await writeFile(join(path, 'out', 'seg_00001.ts'), 'leftover');
      if (ageMs > 0) await ago(path, ageMs);
      return name;
    };

    const alive = otherProcess();
    const dead = otherProcess();
    const [aliveStart, deadStart, myStart] = await Promise.all([
      startTimeOf(alive.pid),
      startTimeOf(dead.pid),
      startTimeOf(process.pid),
    ]);
    await dead.end();
    try {
      const kept = [
        basename(mine),
        // Another worker on this host, busy for longer than any age bound.
        await plant(`run-${host}-${alive.pid}-${aliveStart}-aaaaaa`, 10 * STALE_MS),
        // A worker on another host that touched its run recently; and one of an older version's runs.
        await plant('run-0123456789ab-1-1000-bbbbbb'),
        await plant('run-cccccc'),
      ];
      const removed = [
        await plant(`run-${host}-${dead.pid}-${deadStart}-dddddd`),
        // This pid, recycled: a worker restarted in a container gets the same pid as the one that died.
        await plant(`run-${host}-${process.pid}-${Number(myStart) - 1}-eeeeee`),
        await plant('run-0123456789ab-1-1000-ffffff', STALE_MS + 1000),
        await plant('run-gggggg', STALE_MS + 1000),
      ];
      await writeFile(join(workDir, 'run-not-a-directory'), '');

      expect((await sweepDeadRunDirs(workDir, { staleMs: STALE_MS })).sort()).toEqual(removed.sort());
      expect((await readdir(workDir)).sort()).toEqual([...kept, 'run-not-a-directory'].sort());
      expect(await readFile(join(mine, 'source'), 'utf8')).toBe('in use');
    } finally {
      await alive.end();
    }
  });

  it("keeps another host's run while it touches its directory", async () => {
    const workDir = join(temp.dir, 'touched');
    const run = join(workDir, 'run-0123456789ab-1-1000-hhhhhh');
    await mkdir(run, { recursive: true });
    await ago(run, STALE_MS + 1000);
    await touchRunDir(run);
    expect(await sweepDeadRunDirs(workDir, { staleMs: STALE_MS })).toEqual([]);
    await touchRunDir(join(workDir, 'run-gone'));
    expect(await sweepDeadRunDirs(join(temp.dir, 'missing'), { staleMs: STALE_MS })).toEqual([]);
  });
});
