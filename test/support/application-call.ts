import type { QuestionDefinition } from '../../src/domain/programme/programme-definition.ts';
import type { Database } from '../../src/store/database.ts';

/** One question of each type, as a call's `questions` column holds them. */
type QuestionSketch = Pick<QuestionDefinition, 'key' | 'type' | 'prompt'> & Partial<QuestionDefinition>;

const SKETCHES: QuestionSketch[] = [
  { key: 'project', type: 'text', prompt: { fr: 'Décrivez votre projet.', en: 'Describe your project.' } },
  {
    key: 'stage',
    type: 'choice',
    prompt: { fr: 'Où en est votre projet ?', en: 'How far along is your project?' },
    options: [
      { key: 'idea', label: { fr: 'Idée', en: 'Idea' } },
      { key: 'running', label: { fr: 'En cours', en: 'Running' } },
    ],
  },
  {
    key: 'topics',
    type: 'multi_choice',
    prompt: { fr: 'Vos thèmes ?', en: 'Your topics?' },
    options: [
      { key: 'data', label: { fr: 'Données', en: 'Data' } },
      { key: 'media', label: { fr: 'Médias', en: 'Media' } },
      { key: 'health', label: { fr: 'Santé', en: 'Health' } },
    ],
    max: 2,
  },
  { key: 'motivation', type: 'scale', prompt: { fr: 'Votre motivation ?', en: 'Your motivation?' }, min: 1, max: 5 },
  { key: 'team_size', type: 'number', prompt: { fr: 'Combien êtes-vous ?', en: 'How many are you?' }, min: 1, max: 50 },
  { key: 'photo', type: 'photo', prompt: { fr: 'Une photo de votre équipe.', en: 'A photo of your team.' } },
  {
    key: 'pitch',
    type: 'voice',
    prompt: { fr: 'Présentez-vous en une minute.', en: 'Introduce yourself in a minute.' },
  },
  {
    key: 'video',
    type: 'video',
    required: false,
    prompt: { fr: 'Une vidéo (facultatif).', en: 'A video (optional).' },
  },
  { key: 'cv', type: 'document', prompt: { fr: 'Votre CV.', en: 'Your CV.' } },
];

export const EVERY_TYPE_OF_QUESTION: QuestionDefinition[] = SKETCHES.map((question, position) => ({
  required: true,
  options: null,
  min: null,
  max: null,
  ...question,
  position,
}));

export interface SeededCall {
  id: string;
  programmeId: string;
  cohortId: string;
}

/**
 * A call for applications on an imported programme (its first cohort unless `cohortKey` says),
 * written straight to the table as an import would: tests of the chat and of the review use it.
 */
export async function seedApplicationCall(
  db: Database,
  options: {
    opensAt: Date;
    closesAt: Date;
    cohortKey?: string;
    questions?: QuestionDefinition[];
    reminderOffsets?: number[];
    keepDeclinedDays?: number;
  },
): Promise<SeededCall> {
  const cohort = await db.cohort.findFirstOrThrow({
    where: options.cohortKey ? { key: options.cohortKey } : {},
    orderBy: { createdAt: 'asc' },
  });
  const fields = {
    cohortId: cohort.id,
    opensAt: options.opensAt,
    closesAt: options.closesAt,
    reminderOffsets: options.reminderOffsets ?? [3 * 24 * 60, 24 * 60],
    intro: { fr: 'Bienvenue dans l’appel à candidatures.', en: 'Welcome to the call for applications.' },
    thanks: { fr: 'Merci, votre candidature est reçue.', en: 'Thank you, your application is in.' },
    consent: {
      version: '1',
      text: {
        fr: 'Nous gardons votre candidature jusqu’à la sélection, puis six mois si elle n’est pas retenue.',
        en: 'We keep your application until the selection, then six months if it is not chosen.',
      },
    },
    notices: {},
    keepDeclinedDays: options.keepDeclinedDays ?? 182,
    questions: (options.questions ?? EVERY_TYPE_OF_QUESTION) as object[],
    contentHash: 'seeded',
  };
  // The sample programme has a call of its own: the test's takes its place.
  const call = await db.applicationCall.upsert({
    where: { programmeId: cohort.programmeId },
    update: fields,
    create: { programmeId: cohort.programmeId, ...fields },
  });
  return { id: call.id, programmeId: cohort.programmeId, cohortId: cohort.id };
}
