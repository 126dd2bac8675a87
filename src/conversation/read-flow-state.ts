import { z } from 'zod';
import { ANSWER_OR_COMMAND_STATES } from './answer-or-command.ts';
import { ERASE_STATES } from './commands/data-commands.ts';
import type { ConversationContext } from './conversation-context.ts';
import type { FlowDataSchemas } from './flow-data.ts';
import { APPLICATION_STATES } from './flows/application.ts';
import { BROADCAST_STATES } from './flows/broadcast.ts';
import { COUNTRY_STATES } from './flows/country.ts';
import { EXERCISE_STATES } from './flows/exercise.ts';
import { HELP_DESK_STATES } from './flows/help-desk.ts';
import { JOINING_STATES } from './flows/joining.ts';
import { MENTORING_STATES } from './flows/mentoring.ts';
import { MILESTONE_STATES } from './flows/milestone-follow-up.ts';
import { SESSION_FEEDBACK_STATES } from './flows/session-feedback.ts';
import { TEAM_REPLY_STATES } from './flows/team-reply.ts';
import type { DialogueStateStore, FlowState } from './stores/dialogue-state-store.ts';

const FLOW_DATA: FlowDataSchemas = {
  ...JOINING_STATES,
  ...EXERCISE_STATES,
  ...ERASE_STATES,
  ...MENTORING_STATES,
  ...MILESTONE_STATES,
  ...SESSION_FEEDBACK_STATES,
  ...BROADCAST_STATES,
  ...ANSWER_OR_COMMAND_STATES,
  ...HELP_DESK_STATES,
  ...TEAM_REPLY_STATES,
  ...APPLICATION_STATES,
  ...COUNTRY_STATES,
};

/**
 * The person's dialogue state, its data checked against its flow's schema. A state that does not
 * read (written by an older version, or damaged) is dropped and logged: the person is treated as
 * doing nothing rather than stuck on an error at every message.
 */
export async function readFlowState(context: ConversationContext<DialogueStateStore>): Promise<FlowState | null> {
  const state = await context.store.getState(context.person.id);
  if (!state) return null;
  // A flow no one continues is left for the caller to drop, as before.
  const schema = FLOW_DATA[state.flow];
  if (!schema) return state;
  const parsed = schema.safeParse(state.data);
  if (parsed.success) return { ...state, data: parsed.data };
  await context.store.clearState(context.person.id);
  context.log?.('dialogue state dropped: its data does not read', {
    personId: context.person.id,
    flow: state.flow,
    step: state.step,
    problem: z.prettifyError(parsed.error),
  });
  return null;
}
