import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../platform/logger.ts';

/*
 * Each processing run keeps its temp files in a directory of its own under the work directory
 * (DATA_DIR/tmp/jobs), named after the process that owns it: `run-<host>-<pid>-<start>-<random>`. A crash or a
 * kill -9 leaves the directory behind; a sweep removes those whose owner is dead, and only those, because several
 * workers may share one DATA_DIR.
 *
 * - `host` tells this machine, boot and pid namespace from others that share the directory (a network volume,
 *   containers); only an owner with our `host` can be asked about.
 * - `start` is the owner's start time (ticks since boot, from /proc), so a pid recycled by another process — or
 *   by this very worker after a restart in a container, where the pid is the same every time — is not taken for
 *   the owner.
 *
 * An owner on this host is alive while a process with its pid and start time exists (without /proc: while its pid
 * exists). An owner elsewhere, or a directory named otherwise (older versions), cannot be asked: its run counts as
 * dead once its directory has not been touched for `staleMs`, and each run touches its directory with every job
 * heartbeat (`touchRunDir`), well within a job lease.
 */

const RUN_NAME = /^run-([0-9a-f]{12})-(\d+)-(\d+)-/;

interface Owner {
  host: string;
  pid: number;
  /** '0' when it cannot be known (no /proc). */
  start: string;
}

let self: Promise<Owner> | undefined;

/** This process as a run owner; computed once. */
function thisOwner(): Promise<Owner> {
  self ??= (async () => ({
    host: await hostId(),
    pid: process.pid,
    start: (await startTimeOf('self')) ?? '0',
  }))();
  return self;
}

async function hostId(): Promise<string> {
  const bootId = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '');
  const pidNamespace = await readlink('/proc/self/ns/pid').catch(() => '');
  return createHash('sha256').update(`${hostname()}\n${bootId.trim()}\n${pidNamespace}`).digest('hex').slice(0, 12);
}

/** A process's start time and state from /proc/<pid>/stat; null when there is no such process (or no /proc). */
async function procStat(pid: number | 'self'): Promise<{ start: string; state: string } | null> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are counted after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const start = fields[19]; // field 22, starttime
  return state && start ? { state, start } : null;
}

async function startTimeOf(pid: number | 'self'): Promise<string | null> {
  return (await procStat(pid))?.start ?? null;
}

/** Makes a run's temp directory, named after this process. */
export async function createRunDir(workDir: string): Promise<string> {
  const { host, pid, start } = await thisOwner();
  await mkdir(workDir, { recursive: true });
  return mkdtemp(join(workDir, `run-${host}-${pid}-${start}-`));
}

/** Marks a run's directory as in use, for sweeps by workers on other hosts. */
export async function touchRunDir(dir: string): Promise<void> {
  const now = new Date();
  await utimes(dir, now, now).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** true or false for an owner on this host; null for one that cannot be asked. */
async function ownerAlive(owner: Owner, me: Owner): Promise<boolean | null> {
  if (owner.host !== me.host) return null;
  if (me.start !== '0') {
    const found = await procStat(owner.pid);
    // A zombie has died; only its exit status waits for its parent.
    return found !== null && found.start === owner.start && found.state !== 'Z' && found.state !== 'X';
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the run directories under `workDir` whose owner is dead (see above); returns their names. Directories
 * of live runs, of this process's included, are left alone.
 */
export async function sweepDeadRunDirs(workDir: string, options: { staleMs: number }): Promise<string[]> {
  const me = await thisOwner();
  let entries: string[];
  try {
    entries = (await readdir(workDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && entry.name.startsWith('run-'))
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of entries) {
    const dir = join(workDir, name);
    const match = RUN_NAME.exec(name);
    const owner = match ? { host: match[1] ?? '', pid: Number(match[2]), start: match[3] ?? '' } : null;
    let alive = owner ? await ownerAlive(owner, me) : null;
    if (alive === null) {
      const touched = await stat(dir).then(
        (info) => info.mtimeMs,
        () => null,
      );
      if (touched === null) continue;
      alive = Date.now() - touched < options.staleMs;
    }
    if (alive) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export interface RunDirSweeper {
  /** Stops the timer and waits for a sweep in flight. */
  stop(): Promise<void>;
}

/** Sweeps at once (what a crash before this start left) and then every `intervalMs`, one sweep at a time. */
export function startRunDirSweeps(options: {
  workDir: string;
  intervalMs: number;
  staleMs: number;
  log: Logger;
}): RunDirSweeper {
  const { workDir, intervalMs, staleMs, log } = options;
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= sweepDeadRunDirs(workDir, { staleMs })
      .then(
        (removed) => {
          if (removed.length > 0) log.info({ removed }, 'temp directories of dead processing runs removed');
        },
        (error: unknown) => log.warn({ err: error }, 'sweeping the temp directories of dead runs failed'),
      )
      .finally(() => {
        running = null;
      });
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
