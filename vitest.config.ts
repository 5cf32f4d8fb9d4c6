import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at once even on two cores: much of a file's time is waiting (servers starting, ffmpeg, browsers),
    // and the suite's tests wait for conditions, never for fixed delays that load could outrun.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
