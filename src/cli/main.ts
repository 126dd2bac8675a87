import { Command, Option } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { releaseExercise } from '../jobs/release-exercise.ts';
import { mentorIntroduction } from '../conversation/notices/mentor-introduction.ts';
import { planStartDate } from '../domain/programme/plan-start-date.ts';
import { assignMentor } from '../store/mentoring/assign-mentor.ts';
import { applyMigrations } from '../store/migrations.ts';
import { setCohortPaused } from '../store/cohorts/set-cohort-paused.ts';
import { previewSchedule } from '../store/programmes/preview-schedule.ts';
import { runBroadcastList, runBroadcastReport } from './commands/broadcast-command.ts';
import { runAdminLink } from './commands/admin-command.ts';
import { runImport } from './commands/import-command.ts';
import { MAX_CODES_PER_CALL, ROLES, runInvite } from './commands/invite-command.ts';
import { startWebProcess, type WebProcess } from './commands/serve-command.ts';
import { startWorkerProcess } from './commands/worker-command.ts';
import { runTelegramSetWebhook } from '../channels/telegram/set-webhook-command.ts';
import { formatScheduledItem } from './format-scheduled-item.ts';
import { CommandError, consoleOutput, failureMessage } from './output.ts';
import { openRuntime, type Runtime } from './runtime.ts';

const program = new Command('compagnon')
  .description('Compagnon: a chat companion for cohort programmes on Telegram and WhatsApp.')
  .showHelpAfterError('(run with --help for usage)');

program
  .command('migrate')
  .description('apply the database migrations in prisma/migrations (creates the database if needed)')
  .action(() =>
    run(async (config) => {
      const { applied } = await applyMigrations({ databaseUrl: config.DATABASE_URL, log: consoleOutput.info });
      consoleOutput.info(
        applied.length === 0 ? 'the database is up to date' : `applied ${applied.length} migration(s)`,
      );
    }),
  );

program
  .command('import')
  .description(
    'create or update a programme from its YAML file (one transaction; re-importing the same file changes nothing)',
  )
  .argument('<file>', 'the programme file, e.g. examples/connexions-citoyennes.yaml')
  .option('--check', 'only validate the file; write nothing')
  .option('--if-empty', 'import only when the database has no programme yet')
  .action((file: string, options: { check?: boolean; ifEmpty?: boolean }) =>
    run(async (config) => {
      if (options.check) {
        await runImport({ file, check: true }, { db: null, out: consoleOutput, now: () => new Date() });
        return;
      }
      await withRuntime(config, (runtime) =>
        runImport({ file, ifEmpty: options.ifEmpty }, { db: runtime.db, out: consoleOutput, now: runtime.now }),
      );
    }),
  );

program
  .command('invite')
  .description('create invite codes for a cohort and print them with the links to share')
  .requiredOption('--cohort <id>', 'the cohort, by id or by its key in the programme file')
  .addOption(new Option('--role <role>', 'who the codes are for').choices(ROLES).default('participant'))
  .option('--count <n>', `how many codes (at most ${MAX_CODES_PER_CALL})`, '1')
  .option('--max-uses <n>', 'how many people may join with each code', '1')
  .option('--expires <date>', 'last day the codes work (YYYY-MM-DD, in the programme time zone) or an ISO instant')
  .action((options: { cohort: string; role: string; count: string; maxUses: string; expires?: string }) =>
    run((config) =>
      withRuntime(config, (runtime) =>
        runInvite(options, {
          db: runtime.db,
          out: consoleOutput,
          translate: runtime.translate,
          defaultLanguage: runtime.defaultLanguage,
          config,
        }),
      ),
    ),
  );

program
  .command('release')
  .description('release an exercise now to the active participants of a cohort (or of every cohort)')
  .requiredOption('--exercise <id>', 'the exercise, by id or by its key in the programme file')
  .option('--cohort <id>', 'only this cohort, by id or key')
  .action((options: { exercise: string; cohort?: string }) =>
    run((config) =>
      withRuntime(config, async (runtime) => {
        const result = await releaseExercise(
          {
            db: runtime.db,
            queues: runtime.queues,
            translate: runtime.translate,
            defaultLanguage: runtime.defaultLanguage,
            now: runtime.now,
            mediaDir: config.MEDIA_DIR,
          },
          { exercise: options.exercise, ...(options.cohort && { cohort: options.cohort }) },
        );
        consoleOutput.info(`released to ${result.released} participant(s); ${result.already} already had it`);
      }),
    ),
  );

program
  .command('assign')
  .description('assign a mentee to a mentor, and send each an introduction to the other')
  .requiredOption('--mentor <id>', "the mentor's person id")
  .requiredOption('--mentee <id>', "the participant's person id")
  .option(
    '--starts <date>',
    "the day the action plan starts (YYYY-MM-DD); default: today, or the programme's action_plan.starts if later",
  )
  .action((options: { mentor: string; mentee: string; starts?: string }) =>
    run((config) =>
      withRuntime(config, async (runtime) => {
        const startsOn = options.starts === undefined ? null : planStartDate(options.starts);
        if (options.starts !== undefined && !startsOn)
          throw new CommandError(`--starts must be a date written YYYY-MM-DD, not "${options.starts}"`);
        const now = runtime.now();
        const result = await assignMentor(runtime.db, {
          mentorId: options.mentor,
          defaultLanguage: runtime.defaultLanguage,
          menteeId: options.mentee,
          startsOn,
          introduce: (facts) => mentorIntroduction(facts, runtime),
          now,
        });
        await runtime.queues.deliverOutbound(result.outbox, now);
        consoleOutput.info(
          `${result.menteeName ?? options.mentee} is now mentored by ${result.mentorName ?? options.mentor}`,
        );
        consoleOutput.info(
          result.outbox.length === 0
            ? 'no introduction sent (already sent for this pair, or neither can be reached)'
            : `introductions on their way to ${result.outbox.length === 2 ? 'both' : 'one of them (the other cannot be reached)'}`,
        );
      }),
    ),
  );

const schedule = program.command('schedule').description("look at, pause or resume a cohort's schedule");

schedule
  .command('preview')
  .description('list what will be sent to whom and when (UTC and local time), without sending anything')
  .requiredOption('--cohort <id>', 'the cohort, by id or key')
  .option('--days <n>', 'how many days ahead', '14')
  .action((options: { cohort: string; days: string }) =>
    run((config) =>
      withRuntime(config, async (runtime) => {
        const days = Number(options.days);
        if (!Number.isInteger(days) || days < 1 || days > 366)
          throw new CommandError(`--days must be a whole number from 1 to 366 (got "${options.days}")`);
        const preview = await previewSchedule(runtime.db, options.cohort, runtime.now(), days, runtime.defaultLanguage);
        consoleOutput.info(
          `cohort ${preview.cohort}${preview.paused ? ' (schedule PAUSED: nothing goes out until it is resumed)' : ''}: ${preview.items.length} message(s) in the next ${days} days`,
        );
        for (const item of preview.items) consoleOutput.info(formatScheduledItem(item));
      }),
    ),
  );

for (const [name, paused] of [
  ['pause', true],
  ['resume', false],
] as const) {
  schedule
    .command(name)
    .description(paused ? "pause a cohort's releases and reminders" : "resume a cohort's releases and reminders")
    .requiredOption('--cohort <id>', 'the cohort, by id or key')
    .action((options: { cohort: string }) =>
      run((config) =>
        withRuntime(config, async (runtime) => {
          const key = await setCohortPaused(runtime.db, options.cohort, paused, runtime.now());
          consoleOutput.info(`cohort ${key}: schedule ${paused ? 'paused' : 'resumed'}`);
        }),
      ),
    );
}

const broadcast = program.command('broadcast').description('list broadcasts and see how each was delivered');

broadcast
  .command('list')
  .description('list broadcasts, newest first, with their status and delivery counts')
  .option('--programme <id>', 'only this programme, by id or key')
  .action((options: { programme?: string }) =>
    run((config) =>
      withRuntime(config, (runtime) => runBroadcastList(options, { db: runtime.db, out: consoleOutput })),
    ),
  );

broadcast
  .command('report')
  .description('show how a broadcast was delivered: queued, sent, delivered, read, failed, and who it did not reach')
  .argument('<id>', 'the broadcast id (see broadcast list)')
  .action((id: string) =>
    run((config) => withRuntime(config, (runtime) => runBroadcastReport(id, { db: runtime.db, out: consoleOutput }))),
  );

program
  .command('admin:link')
  .description('print a one-time sign-in link to the dashboard (/admin) for a staff member or mentor')
  .requiredOption('--person <id>', "the person's id")
  .action((options: { person: string }) =>
    run((config) =>
      withRuntime(config, (runtime) =>
        runAdminLink(options, { db: runtime.db, out: consoleOutput, now: runtime.now, config }),
      ),
    ),
  );

program
  .command('telegram:set-webhook')
  .description('register <PUBLIC_URL>/webhooks/telegram with Telegram, with TELEGRAM_WEBHOOK_SECRET')
  .action(() =>
    run((config) =>
      withRuntime(config, async (runtime) => {
        const channel = runtime.channels.telegram;
        if (!channel) throw new CommandError('TELEGRAM_BOT_TOKEN is not set: there is no Telegram bot to configure');
        await runTelegramSetWebhook({ channel, publicUrl: config.PUBLIC_URL, out: consoleOutput });
      }),
    ),
  );

program
  .command('serve')
  .description('run the web process: webhooks, health (/healthz, /readyz) and the dashboard')
  .action(() =>
    run(async (config) => {
      const runtime = openRuntime(config);
      const web = await startWebProcess(runtime);
      printSimulatorLink(web);
      closeOnSignal(runtime, [() => web.stop()]);
    }),
  );

program
  .command('worker')
  .description('run the background workers (BullMQ); start several for more throughput')
  .action(() =>
    run(async (config) => {
      const runtime = openRuntime(config);
      const workers = await startWorkerProcess(runtime);
      closeOnSignal(runtime, [() => workers.close()]);
    }),
  );

program
  .command('start')
  .description('run the web process and the workers in one process (small deployments)')
  .action(() =>
    run(async (config) => {
      const runtime = openRuntime(config);
      const web = await startWebProcess(runtime);
      printSimulatorLink(web);
      const workers = await startWorkerProcess(runtime);
      closeOnSignal(runtime, [() => web.stop(), () => workers.close()]);
    }),
  );

await program.parseAsync();

/** Loads the configuration, runs a command, and turns a failure into one clear line (see failureMessage). */
async function run(command: (config: Config) => Promise<unknown>): Promise<void> {
  try {
    await command(loadConfig());
  } catch (error) {
    const debug = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace';
    consoleOutput.error(failureMessage(error, { withStack: debug }));
    process.exit(1);
  }
}

async function withRuntime<T>(config: Config, use: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = openRuntime(config);
  try {
    return await use(runtime);
  } finally {
    await runtime.close();
  }
}

/**
 * The simulator's ready link, printed once on the terminal (not in the logs, which are often
 * shipped elsewhere), as notebook servers do.
 */
function printSimulatorLink(web: WebProcess): void {
  if (!web.simulatorLink) return;
  consoleOutput.info(`\nSimulator: open ${web.simulatorLink}\n`);
}

/** Stops accepting work, lets running jobs and requests finish, then closes connections. */
function closeOnSignal(runtime: Runtime, stops: (() => Promise<unknown>)[]): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    runtime.logger.info({ signal }, 'shutting down');
    for (const stop of stops)
      await stop().catch((err: unknown) => runtime.logger.error({ err }, 'error while stopping'));
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
