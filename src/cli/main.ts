import { Command, Option } from 'commander';
import type { Config } from '../config.ts';
import type { Output } from './output.ts';
import type { Runtime } from './runtime.ts';
import type { Shutdown } from './stop-on-signal.ts';
import type { WebProcess } from './commands/serve-command.ts';

// Each command's code is imported when that command runs, not before: `--help` and
// `import --check` do not load the database client, the queues or the web server.

/** Who invite codes are for (the store's INVITE_ROLES; the invite command checks they agree). */
const INVITE_ROLES = ['participant', 'mentor', 'trainer', 'staff'];
/** More than this at once is almost certainly a typo. */
const MAX_CODES_PER_CALL = 1000;

const program = new Command('compagnon')
  .description('Compagnon: a chat companion for cohort programmes on Telegram and WhatsApp.')
  .showHelpAfterError('(run with --help for usage)');

program
  .command('migrate')
  .description('apply the database migrations in prisma/migrations (creates the database if needed)')
  .action(() =>
    run(async (config, out) => {
      const { applyMigrations } = await import('../store/migrations.ts');
      const { applied } = await applyMigrations({ databaseUrl: config.DATABASE_URL, log: out.info });
      out.info(applied.length === 0 ? 'the database is up to date' : `applied ${applied.length} migration(s)`);
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
    run(async (config, out) => {
      const { runImport } = await import('./commands/import-command.ts');
      if (options.check) {
        await runImport({ file, check: true }, { db: null, out, now: () => new Date() });
        return;
      }
      await withRuntime(config, (runtime) =>
        runImport({ file, ifEmpty: options.ifEmpty }, { db: runtime.db, out, now: runtime.now }),
      );
    }),
  );

program
  .command('invite')
  .description('create invite codes for a cohort and print them with the links to share')
  .option('--cohort <id>', 'the cohort, by id or by its key in the programme file (needed when there are several)')
  .addOption(new Option('--role <role>', 'who the codes are for').choices(INVITE_ROLES).default('participant'))
  .option(
    '--hub <key>',
    'for --role trainer (required then): the hub they run, by its key; one hub per code, run invite again for another',
  )
  .option('--count <n>', `how many codes (at most ${MAX_CODES_PER_CALL})`, '1')
  .option('--max-uses <n>', 'how many people may join with each code', '1')
  .option('--expires <date>', 'last day the codes work (YYYY-MM-DD, in the programme time zone) or an ISO instant')
  .action(
    (options: { cohort?: string; role: string; hub?: string; count: string; maxUses: string; expires?: string }) =>
      run(async (config, out) => {
        const { runInvite } = await import('./commands/invite-command.ts');
        await withRuntime(config, (runtime) =>
          runInvite(
            { ...options, maxCodes: MAX_CODES_PER_CALL },
            {
              db: runtime.db,
              out,
              translate: runtime.translate,
              defaultLanguage: runtime.defaultLanguage,
              now: runtime.now,
              config,
            },
          ),
        );
      }),
  );

program
  .command('release')
  .description('release an exercise now to the active participants of a cohort (or of every cohort)')
  .requiredOption('--exercise <id>', 'the exercise, by id or by its key in the programme file')
  .option('--cohort <id>', 'only this cohort, by id or key')
  .action((options: { exercise: string; cohort?: string }) =>
    run(async (config, out) => {
      const { runRelease } = await import('./commands/release-command.ts');
      await withRuntime(config, (runtime) =>
        runRelease(options, {
          release: {
            db: runtime.db,
            queues: runtime.queues,
            translate: runtime.translate,
            defaultLanguage: runtime.defaultLanguage,
            now: runtime.now,
            mediaDir: config.MEDIA_DIR,
          },
          out,
        }),
      );
    }),
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
    run(async (config, out) => {
      const [{ CommandError }, { planStartDate }, { assignMentor }, { mentorIntroduction }] = await Promise.all([
        import('./output.ts'),
        import('../domain/programme/plan-start-date.ts'),
        import('../store/mentoring/assign-mentor.ts'),
        import('../conversation/notices/mentor-introduction.ts'),
      ]);
      const startsOn = options.starts === undefined ? null : planStartDate(options.starts);
      if (options.starts !== undefined && !startsOn)
        throw new CommandError(`--starts must be a date written YYYY-MM-DD, not "${options.starts}"`);
      await withRuntime(config, async (runtime) => {
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
        out.info(`${result.menteeName ?? options.mentee} is now mentored by ${result.mentorName ?? options.mentor}`);
        out.info(
          result.outbox.length === 0
            ? 'no introduction sent (already sent for this pair, or neither can be reached)'
            : `introductions on their way to ${result.outbox.length === 2 ? 'both' : 'one of them (the other cannot be reached)'}`,
        );
      });
    }),
  );

const schedule = program.command('schedule').description("look at, pause or resume a cohort's schedule");

schedule
  .command('preview')
  .description('list what will be sent to whom and when (UTC and local time), without sending anything')
  .requiredOption('--cohort <id>', 'the cohort, by id or key')
  .option('--days <n>', 'how many days ahead', '14')
  .action((options: { cohort: string; days: string }) =>
    run(async (config, out) => {
      const { CommandError } = await import('./output.ts');
      const days = Number(options.days);
      if (!Number.isInteger(days) || days < 1 || days > 366)
        throw new CommandError(`--days must be a whole number from 1 to 366 (got "${options.days}")`);
      const { previewSchedule } = await import('../store/programmes/preview-schedule.ts');
      const { formatScheduledItem } = await import('./format-scheduled-item.ts');
      await withRuntime(config, async (runtime) => {
        const preview = await previewSchedule(runtime.db, options.cohort, runtime.now(), days, runtime.defaultLanguage);
        out.info(
          `cohort ${preview.cohort}${preview.paused ? ' (schedule PAUSED: nothing goes out until it is resumed)' : ''}: ${preview.items.length} message(s) in the next ${days} days`,
        );
        for (const item of preview.items) out.info(formatScheduledItem(item));
      });
    }),
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
      run(async (config, out) => {
        const { setCohortPaused } = await import('../store/cohorts/set-cohort-paused.ts');
        await withRuntime(config, async (runtime) => {
          const key = await setCohortPaused(runtime.db, options.cohort, paused, runtime.now());
          out.info(`cohort ${key}: schedule ${paused ? 'paused' : 'resumed'}`);
        });
      }),
    );
}

const broadcast = program.command('broadcast').description('list broadcasts and see how each was delivered');

broadcast
  .command('list')
  .description('list broadcasts, newest first, with their status and delivery counts')
  .option('--programme <id>', 'only this programme, by id or key')
  .action((options: { programme?: string }) =>
    run(async (config, out) => {
      const { runBroadcastList } = await import('./commands/broadcast-command.ts');
      await withRuntime(config, (runtime) => runBroadcastList(options, { db: runtime.db, out }));
    }),
  );

broadcast
  .command('report')
  .description('show how a broadcast was delivered: queued, sent, delivered, read, failed, and who it did not reach')
  .argument('<id>', 'the broadcast id (see broadcast list)')
  .action((id: string) =>
    run(async (config, out) => {
      const { runBroadcastReport } = await import('./commands/broadcast-command.ts');
      await withRuntime(config, (runtime) => runBroadcastReport(id, { db: runtime.db, out }));
    }),
  );

const session = program
  .command('session')
  .description('list and announce sessions (workshops, online sessions, events), and see who is coming and who came');

session
  .command('list')
  .description(
    "list sessions, those to come first, then those over: key, kind, title, status, and each venue's start in its local time",
  )
  .option('--programme <id>', 'only this programme, by id or key')
  .action((options: { programme?: string }) =>
    run(async (config, out) => {
      const { runSessionList } = await import('./commands/session-list-command.ts');
      await withRuntime(config, (runtime) => runSessionList(options, { db: runtime.db, out, now: runtime.now }));
    }),
  );

session
  .command('report')
  .description(
    'show, venue by venue, who is invited, yes / maybe / no / no answer, the waiting list, who attended (by code, by roll call) and the feedback',
  )
  .argument('<id>', 'the session, by id or by its key in the programme file (see session list)')
  .option('--programme <id>', 'the programme, by id or key (needed when several have a session with this key)')
  .action((id: string, options: { programme?: string }) =>
    run(async (config, out) => {
      const { runSessionReport } = await import('./commands/session-report-command.ts');
      await withRuntime(config, (runtime) => runSessionReport(id, options, { db: runtime.db, out }));
    }),
  );

session
  .command('announce')
  .description(
    'announce a session now to everyone in its audience who has not had it yet (run again, it reaches only newcomers)',
  )
  .argument('<id>', 'the session, by id or by its key in the programme file (see session list)')
  .option('--programme <id>', 'the programme, by id or key (needed when several have a session with this key)')
  .action((id: string, options: { programme?: string }) =>
    run(async (config, out) => {
      const { runSessionAnnounce } = await import('./commands/session-announce-command.ts');
      await withRuntime(config, (runtime) =>
        runSessionAnnounce(id, options, {
          context: {
            db: runtime.db,
            logger: runtime.logger,
            now: runtime.now,
            translate: runtime.translate,
            defaultLanguage: runtime.defaultLanguage,
            channels: runtime.channels.adapters,
            queues: runtime.queues,
            media: { dir: config.MEDIA_DIR, maxBytes: config.MEDIA_MAX_BYTES },
            ...(config.PUBLIC_URL &&
              config.CALENDAR_SECRET && { calendar: { publicUrl: config.PUBLIC_URL, secret: config.CALENDAR_SECRET } }),
          },
          out,
        }),
      );
    }),
  );

const applications = program.command('applications').description('the call for applications');

applications
  .command('links')
  .description(
    "print the call's opening and closing, and the public Telegram and WhatsApp links (and words) that start an application",
  )
  .option('--programme <id>', 'the programme, by id or key (needed when there are several)')
  .action((options: { programme?: string }) =>
    run(async (config, out) => {
      const { runApplicationLinks } = await import('./commands/applications-command.ts');
      await withRuntime(config, (runtime) =>
        runApplicationLinks(options, { db: runtime.db, out, now: runtime.now, config }),
      );
    }),
  );

const staff = program.command('staff').description('add staff members who have no chat account yet');

staff
  .command('add')
  .description(
    'make a staff member of a programme (every cohort) and print their one-time dashboard sign-in link; they attach Telegram or WhatsApp later from their profile',
  )
  .requiredOption('--name <name>', 'their name, as the dashboard shows it')
  .requiredOption('--programme <id>', 'the programme, by id or key')
  .action((options: { name: string; programme: string }) =>
    run(async (config, out) => {
      const { runStaffAdd } = await import('./commands/staff-command.ts');
      await withRuntime(config, (runtime) => runStaffAdd(options, { db: runtime.db, out, now: runtime.now, config }));
    }),
  );

program
  .command('admin:link')
  .description('print a one-time sign-in link to the dashboard (/admin) for a staff member or mentor')
  .requiredOption('--person <id>', "the person's id")
  .action((options: { person: string }) =>
    run(async (config, out) => {
      const { runAdminLink } = await import('./commands/admin-command.ts');
      await withRuntime(config, (runtime) => runAdminLink(options, { db: runtime.db, out, now: runtime.now, config }));
    }),
  );

program
  .command('telegram:set-webhook')
  .description('register <PUBLIC_URL>/webhooks/telegram with Telegram, with TELEGRAM_WEBHOOK_SECRET')
  .action(() =>
    run(async (config, out) => {
      const { CommandError } = await import('./output.ts');
      const { runTelegramSetWebhook } = await import('../channels/telegram/set-webhook-command.ts');
      await withRuntime(config, async (runtime) => {
        const channel = runtime.channels.telegram;
        if (!channel) throw new CommandError('TELEGRAM_BOT_TOKEN is not set: there is no Telegram bot to configure');
        await runTelegramSetWebhook({ channel, publicUrl: config.PUBLIC_URL, out });
      });
    }),
  );

program
  .command('serve')
  .description('run the web process: webhooks, health (/healthz, /readyz) and the dashboard')
  .action(() => runProcess({ web: true, workers: false }));

program
  .command('worker')
  .description('run the background workers (BullMQ); start several for more throughput')
  .action(() => runProcess({ web: false, workers: true }));

program
  .command('start')
  .description('run the web process and the workers in one process (small deployments)')
  .action(() => runProcess({ web: true, workers: true }));

await program.parseAsync();

/** Loads the configuration, runs a command, and turns a failure into one clear line (see failureMessage). */
async function run(command: (config: Config, out: Output) => Promise<unknown>): Promise<void> {
  const { consoleOutput } = await import('./output.ts');
  try {
    const { loadConfig } = await import('../config.ts');
    await command(loadConfig(), consoleOutput);
  } catch (error) {
    const { failureMessage } = await import('./failure-message.ts');
    const debug = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace';
    consoleOutput.error(failureMessage(error, { withStack: debug }));
    process.exit(1);
  }
}

async function withRuntime<T>(config: Config, use: (runtime: Runtime) => Promise<T>): Promise<T> {
  const { openRuntime } = await import('./runtime.ts');
  const runtime = openRuntime(config);
  try {
    return await use(runtime);
  } finally {
    await runtime.close();
  }
}

/**
 * `serve`, `worker` and `start`: a long-running process. A stop signal is obeyed from the first
 * moment, even while a service is down and starting up waits for it (see stop-on-signal.ts).
 */
function runProcess(parts: { web: boolean; workers: boolean }): Promise<void> {
  return run(async (config, out) => {
    const { openRuntime } = await import('./runtime.ts');
    const { stopOnSignal } = await import('./stop-on-signal.ts');
    const runtime = openRuntime(config);
    const shutdown: Shutdown = stopOnSignal({ logger: runtime.logger });
    shutdown.add(() => runtime.close());
    try {
      if (parts.web) {
        const { startWebProcess } = await import('./commands/serve-command.ts');
        const web = await startWebProcess(runtime);
        shutdown.add(() => web.stop());
        printSimulatorLink(web, out);
        await printFirstStaffHint(runtime, out);
      }
      if (parts.workers) {
        const { startWorkerProcess } = await import('./commands/worker-command.ts');
        const workers = await startWorkerProcess(runtime);
        shutdown.add(() => workers.close());
      }
    } catch (error) {
      // Closing the connections makes a start still waiting for a service fail: that is no fault.
      if (!shutdown.stopping) throw error;
    }
  });
}

/**
 * The simulator's ready link, printed once on the terminal (not in the logs, which are often
 * shipped elsewhere), as notebook servers do.
 */
function printSimulatorLink(web: WebProcess, out: Output): void {
  if (!web.simulatorLink) return;
  out.info(`\nSimulator: open ${web.simulatorLink}\n`);
}

/**
 * On a database where nobody can sign in to the dashboard yet, the exact command that makes the
 * first staff member: printed once, by the web process, at start-up (like the simulator link, on
 * the terminal rather than in the logs). A failure to read costs only the hint.
 */
async function printFirstStaffHint(runtime: Runtime, out: Output): Promise<void> {
  const { programmesWithoutSignedInStaff } = await import('../store/access/programmes-without-signed-in-staff.ts');
  const keys = await programmesWithoutSignedInStaff(runtime.db).catch((error: unknown) => {
    runtime.logger.warn({ err: error }, 'could not check whether a staff member can sign in');
    return null;
  });
  if (!keys) return;
  const command = (key: string) => `  node bin/compagnon.js staff add --name "Your name" --programme ${key}`;
  if (keys.length === 0) {
    out.info(
      '\nDashboard: nobody can sign in yet. Import a programme (node bin/compagnon.js import <file>), then make the first staff member:\n' +
        `${command('<programme key>')}\n`,
    );
    return;
  }
  out.info(
    `\nDashboard: nobody can sign in yet. Make the first staff member (it prints their sign-in link):\n${keys.map(command).join('\n')}\n`,
  );
}
