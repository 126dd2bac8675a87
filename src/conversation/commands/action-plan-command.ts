import { formatDueOn } from '../../domain/milestone-schedule.ts';
import { milestoneTitleIn } from '../../domain/milestone-title.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { MilestoneStore } from '../stores/milestone-store.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type ActionPlanContext = ConversationContext<MilestoneStore>;

/** PLAN: the person's milestones, their dates and where they stand. */
export async function actionPlan(context: ActionPlanContext): Promise<Outgoing[]> {
  const { t, language } = speakerFor(context);
  const milestones = await context.store.milestones(context.person.id);
  if (milestones.length === 0) return [text(t('action-plan:no_plan'))];
  const lines = milestones.map((m) =>
    t('action-plan:plan_line', {
      title: milestoneTitleIn(m, language),
      date: formatDueOn(m.dueOn, language),
      status: t(`action-plan:status_${m.status}`),
    }),
  );
  return [text(`${t('action-plan:plan_title')}\n${lines.join('\n')}`)];
}
