import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSessionAnnounce } from '../../src/cli/commands/session-announce-command.ts';
import { CommandError, type Output } from '../../src/cli/output.ts';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import { NotFoundError } from '../../src/store/errors.ts';
import { cancelSession } from '../../src/store/sessions/cancel-session.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('compagnon session announce', () => {
  let t: TestApp;
  let sessionId: string;

  const announce = async (reference: string, options: { programme?: string } = {}) => {
    const lines: string[] = [];
    const out: Output = { info: (line) => lines.push(line), error: (line) => lines.push(line) };
    await runSessionAnnounce(reference, options, { context: t.context, out });
    return lines;
  };

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    await SimulatedPerson.create(t, { name: 'Hery', hub: 'antananarivo' });
    // Announced a month before the workshop, by the programme file: not yet.
    ({ sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ localStart: '2027-03-09T09:00', announce: { beforeMinutes: 30 * 24 * 60 } }),
      SAMPLE_DAYTIME,
    ));
    expect(await announceSessions.handle({}, t.context)).toEqual({ announced: 0 });
  });

  afterAll(async () => {
    await t.close();
  });

  it('announces a session before its time, says to how many, and records who asked', async () => {
    expect(await announce('atelier-test', { programme: 'connexions-citoyennes' })).toEqual([
      'session atelier-test: announced to 2 people',
    ]);
    const session = await t.test.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.announceAt!.getTime()).toBeLessThanOrEqual(t.context.now().getTime());
    expect(await t.test.db.auditLog.count({ where: { action: 'session.announce', entityId: sessionId } })).toBe(1);
  });

  it('reaches, run again, only those not told yet', async () => {
    expect(await announce(sessionId)).toEqual([
      'session atelier-test: nobody new to tell (everyone in its audience has had the announcement, or it is over)',
    ]);
    await SimulatedPerson.create(t, { name: 'Amel', hub: 'tunis' });
    expect(await announce('atelier-test')).toEqual(['session atelier-test: announced to 1 person']);
    expect(await t.test.db.outboundMessage.count({ where: { purpose: 'session_announcement' } })).toBe(3);
  });

  it('refuses an unknown session and a cancelled one with one clear line', async () => {
    await expect(announce('atelier-inconnu')).rejects.toThrow(
      new NotFoundError('no session has the id or key "atelier-inconnu"'),
    );
    await cancelSession(t.test.db, { sessionId, actorId: null, now: t.context.now() });
    await expect(announce('atelier-test')).rejects.toThrow(
      new CommandError('session atelier-test is cancelled: it is not announced'),
    );
  });
});
