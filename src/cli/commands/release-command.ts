import { releaseExercise } from '../../jobs/release-exercise.ts';
import type { Output } from '../output.ts';
import type { Runtime } from '../runtime.ts';

/** `compagnon release`: releases an exercise now and says what went out. */
export async function runRelease(
  options: { exercise: string; cohort?: string },
  deps: { runtime: Pick<Runtime, 'db' | 'queues' | 'translate' | 'defaultLanguage' | 'now' | 'config'>; out: Output },
): Promise<void> {
  const { runtime, out } = deps;
  const result = await releaseExercise(
    {
      db: runtime.db,
      queues: runtime.queues,
      translate: runtime.translate,
      defaultLanguage: runtime.defaultLanguage,
      now: runtime.now,
      mediaDir: runtime.config.MEDIA_DIR,
    },
    { exercise: options.exercise, ...(options.cohort && { cohort: options.cohort }) },
  );
  out.info(`released to ${result.released} participant(s); ${result.already} already had it`);
}
