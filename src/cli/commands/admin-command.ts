import type { Config } from '../../config.ts';
import { recordStaffAction } from '../../store/audit/record-staff-action.ts';
import type { DashboardRefusal } from '../../store/access/dashboard-access.ts';
import type { Database } from '../../store/database.ts';
import { createSignInLink, signInPath } from '../../store/access/sign-in-links.ts';
import { CommandError, type Output } from '../output.ts';

/** Why the command refuses, in the words of the person at the terminal. */
const REFUSALS: Record<DashboardRefusal, string> = {
  unknown: 'no person has this id',
  participant: 'this person is a participant: participants have no dashboard (it is for staff, trainers and mentors)',
  not_staff: 'this person is neither staff (with a staff enrolment that is not stopped), nor a trainer, nor a mentor',
  no_mentees: 'this mentor has no current mentee yet: assign one first (compagnon assign)',
  no_hubs: 'this trainer runs no hub: invite them with compagnon invite --role trainer --hub <hub>',
  erased: "this person's data has been erased",
  opted_out: 'this person asked to receive nothing more (STOP)',
};

/**
 * `compagnon admin:link --person <id>`: prints a one-time dashboard sign-in link, for the first
 * staff member (the others can send DASHBOARD in chat).
 */
export async function runAdminLink(
  options: { person: string },
  deps: {
    db: Database;
    out: Output;
    now: () => Date;
    config: Pick<Config, 'PUBLIC_URL' | 'SIGN_IN_LINK_MINUTES' | 'PORT'>;
  },
): Promise<string> {
  const personId = options.person.trim();
  if (personId === '') throw new CommandError('--person must be a person id');
  const link = await createSignInLink(deps.db, {
    personId,
    now: deps.now(),
    validMinutes: deps.config.SIGN_IN_LINK_MINUTES,
  });
  if (!link.ok) throw new CommandError(`cannot make a dashboard link for ${personId}: ${REFUSALS[link.reason]}`);
  await recordStaffAction(deps.db, {
    actorId: null,
    action: 'dashboard.link',
    entity: 'Person',
    entityId: personId,
    details: { via: 'cli' },
  });
  return printSignInLink(link.token, deps);
}

/**
 * Prints a sign-in link: the whole URL on stdout when PUBLIC_URL is set, else the path, with how
 * long it works (and how to open a path) on stderr, so that `$(...)` captures only the link.
 */
export function printSignInLink(
  token: string,
  deps: { out: Output; config: Pick<Config, 'PUBLIC_URL' | 'SIGN_IN_LINK_MINUTES' | 'PORT'> },
): string {
  const path = signInPath(token);
  const minutes = deps.config.SIGN_IN_LINK_MINUTES;
  if (deps.config.PUBLIC_URL) {
    const url = `${deps.config.PUBLIC_URL.replace(/\/+$/, '')}${path}`;
    deps.out.info(url);
    deps.out.error(`one-time link, valid ${minutes} minutes; open it in a browser and press "Sign in"`);
    return url;
  }
  deps.out.info(path);
  deps.out.error(
    `PUBLIC_URL is not set, so this is only the path: open it on the address of the web process ` +
      `(e.g. http://localhost:${deps.config.PORT}${path}). Set PUBLIC_URL to print whole links. One-time, valid ${minutes} minutes.`,
  );
  return path;
}
