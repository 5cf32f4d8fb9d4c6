import { readFile } from 'node:fs/promises';

/** Linux's USER_HZ: /proc counts CPU time in these ticks. */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process in seconds, from /proc/<pid>/stat (fields 14 and 15, after the command's parentheses). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

export async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** CPU use of a process over a window: `start()` then `stop()` gives percent of one core and the RSS at the end. */
export async function cpuWindow(pid: number) {
  const startCpu = await cpuSeconds(pid);
  const started = performance.now();
  return {
    async stop() {
      const cpu = (await cpuSeconds(pid)) - startCpu;
      const seconds = (performance.now() - started) / 1000;
      return {
        cpu_percent_of_one_core: Math.round((1000 * cpu) / seconds) / 10,
        rss_mb: await residentMegabytes(pid),
      };
    },
  };
}

async function machineTicks(): Promise<{ idle: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  return { idle: (ticks[3] ?? 0) + (ticks[4] ?? 0), total: ticks.reduce((sum, tick) => sum + tick, 0) };
}

/** The whole machine's idle share over a window (every core): near 0 means every figure of the window is CPU-bound. */
export async function machineIdleWindow() {
  const start = await machineTicks();
  return {
    async stop() {
      const end = await machineTicks();
      const total = end.total - start.total;
      return total > 0 ? Math.round((1000 * (end.idle - start.idle)) / total) / 10 : null;
    },
  };
}
