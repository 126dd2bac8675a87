import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { EnrolmentView } from '../stores/account-store.ts';
import type { HubView, JoiningStore } from '../stores/joining-store.ts';
import { speakerFor, text, type Speaker } from '../speaker.ts';

/** What a trainer's joining reads and changes. */
type TrainerJoiningContext = ConversationContext<JoiningStore>;

/**
 * A trainer already in the cohort redeemed a code for another hub (its use claimed): they run it
 * too, and are told every hub they run now.
 */
export async function trainerHubAdded(
  invite: { cohortId: string; hubId: string },
  context: TrainerJoiningContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  await store.attachTrainerHub(person.id, invite.cohortId, invite.hubId);
  const speaker = speakerFor(context);
  const hubs = await store.trainerHubs(person.id, invite.cohortId);
  const added = hubs.find((hub) => hub.id === invite.hubId);
  return [
    text(
      speaker.t('join:trainer_hub_added', {
        hub: added ? speaker.pick(added.name) : '',
        hubs: hubNames(hubs, speaker),
      }),
    ),
  ];
}

/** The end of a trainer's joining: the hubs they run and what they can do in chat. */
export async function trainerWelcome(
  name: string,
  cohortId: string,
  enrolment: EnrolmentView | undefined,
  context: TrainerJoiningContext,
): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const hubs = await context.store.trainerHubs(context.person.id, cohortId);
  return [
    text(
      speaker.t('join:welcome_trainer', {
        name,
        hubs: hubNames(hubs, speaker),
        programme: enrolment ? speaker.pick(enrolment.programme.name) : '',
      }),
    ),
  ];
}

/** "Bukavu et Tunis", in the person's language. */
function hubNames(hubs: HubView[], speaker: Speaker): string {
  const list = new Intl.ListFormat(speaker.language, { type: 'conjunction' });
  return list.format(hubs.map((hub) => speaker.pick(hub.name)));
}
