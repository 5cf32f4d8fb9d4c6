import { parseArgs } from 'node:util';
import { createProgressBar } from './cli/progress-bar.ts';
import { type Config, ConfigError, loadConfig, parseRoles } from './config.ts';
import {
  DEFAULT_DEMO_CLIP_SECONDS,
  DEFAULT_DEMO_VIDEOS,
  seedDemoVideos,
  waitUntilProcessed,
} from './modules/demo/seed.ts';
import { InteractionCounters } from './modules/interactions/counters.ts';
import { migrate } from './platform/db/migrate.ts';
import { openConfiguredDatabase } from './platform/infrastructure.ts';
import { startLooply } from './server.ts';

const USAGE = `Usage: looply <command> [options]

Commands:
  start [--role api|worker|api,worker]   run Looply (all roles by default; LOOPLY_ROLES works too)
  migrate                                apply database migrations and exit
  seed [--count N] [--seconds S]         generate demo videos through the real pipeline and wait until ready
  reindex                                rebuild the search index from accounts, videos and sounds
  reconcile-counters                     rebuild like/comment/share/save counts from the rows they count

Configuration comes from environment variables; see README.md.`;

function positiveInteger(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1000) throw new ConfigError(`--${name} must be 1 to 1000`);
  return value;
}

async function runStart(config: Config): Promise<void> {
  const looply = await startLooply(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      looply.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    looply.log.info({ signal }, 'signal received');
    const timer = setTimeout(() => {
      looply.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'graceful shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    await looply.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function runMigrate(config: Config): Promise<void> {
  const db = await openConfiguredDatabase(config);
  try {
    const applied = await migrate(db);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The database is up to date.\n');
  } finally {
    await db.close();
  }
}

async function runSeed(config: Config, count: number, seconds: number): Promise<void> {
  const looply = await startLooply({ ...config, roles: ['worker'], demoContent: false, logLevel: 'warn' });
  try {
    const bar = createProgressBar('Generating demo videos');
    const ids = await seedDemoVideos({
      services: looply.services,
      count,
      clipSeconds: seconds,
      onProgress: ({ done, total }) => bar(done, total),
    });
    const processing = createProgressBar('Processing');
    const result = await waitUntilProcessed(looply.services, ids, ({ done, total }) => processing(done, total));
    process.stderr.write(`Seeded ${result.ready} demo videos${result.failed ? `, ${result.failed} failed` : ''}.\n`);
    if (result.failed > 0) process.exitCode = 1;
  } finally {
    await looply.close();
  }
}

async function runReindex(config: Config): Promise<void> {
  const looply = await startLooply({ ...config, roles: ['worker'], demoContent: false, logLevel: 'warn' });
  try {
    const result = await looply.services.search.rebuild(({ users, videos }) =>
      process.stderr.write(`\rIndexed ${users} accounts, ${videos} videos`),
    );
    process.stderr.write(`\nReindexed ${result.users} accounts, ${result.videos} videos, ${result.sounds} sounds.\n`);
  } finally {
    await looply.close();
  }
}

async function runReconcileCounters(config: Config): Promise<void> {
  const db = await openConfiguredDatabase(config);
  try {
    await migrate(db);
    const corrected = await new InteractionCounters(db).reconcile();
    process.stdout.write(
      `Corrected the counts of ${corrected.videos} videos, ${corrected.comments} comments and ${corrected.creators} creators.\n`,
    );
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      count: { type: 'string' },
      seconds: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig();
  if (values.role) config.roles = parseRoles(values.role, '--role');
  switch (command) {
    case 'start':
      return runStart(config);
    case 'migrate':
      return runMigrate(config);
    case 'reindex':
      return runReindex(config);
    case 'reconcile-counters':
      return runReconcileCounters(config);
    case 'seed':
      return runSeed(
        config,
        positiveInteger(values.count, 'count', DEFAULT_DEMO_VIDEOS),
        positiveInteger(values.seconds, 'seconds', DEFAULT_DEMO_CLIP_SECONDS),
      );
    default:
      throw new ConfigError(`unknown command "${command}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || (error instanceof TypeError && 'code' in error)) {
    process.stderr.write(`looply: ${error.message}\n`);
  } else {
    process.stderr.write(`looply: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
