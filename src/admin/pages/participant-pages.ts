import type { FastifyInstance } from 'fastify';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { registerMediaRoute } from '../media-route.ts';
import { registerExercisePage } from './exercise-page.ts';
import { registerMentorsPage } from './mentors-page.ts';
import { registerParticipantPage } from './participant-page.ts';
import { registerParticipantsPage } from './participants-page.ts';
import { registerSelectionPage } from './selection-page.ts';

/** The pages about people: the list and search of participants, a participant, an exercise's answers and grades, mentors, selection, and their media. */
export function registerParticipantPages(app: FastifyInstance, deps: AdminDependencies): void {
  registerParticipantsPage(app, deps);
  registerParticipantPage(app, deps);
  registerMediaRoute(app, deps);
  registerExercisePage(app, deps);
  registerMentorsPage(app, deps);
  registerSelectionPage(app, deps);
}
