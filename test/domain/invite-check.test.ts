import { describe, expect, it } from 'vitest';
import {
  checkInvite,
  joinRequestLanguage,
  parseJoinRequest,
  type CheckedInvite,
} from '../../src/domain/invite-check.ts';

const now = new Date('2027-01-10T12:00:00Z');
const invite: CheckedInvite = { expiresAt: new Date('2027-01-31T22:59:59.999Z'), revokedAt: null, uses: 0, maxUses: 1 };

describe('checking an invite', () => {
  it('accepts a code with uses left, before it expires', () => {
    expect(checkInvite(invite, now)).toBe('ok');
    expect(checkInvite({ ...invite, expiresAt: null, uses: 29, maxUses: 30 }, now)).toBe('ok');
  });

  it('calls a code nobody issued unknown', () => {
    expect(checkInvite(null, now)).toBe('unknown');
  });

  it('expires just after its expiry instant', () => {
    expect(checkInvite(invite, invite.expiresAt ?? now)).toBe('ok');
    expect(checkInvite(invite, new Date('2027-01-31T23:00:00Z'))).toBe('expired');
  });

  it('is used up once every use is taken', () => {
    expect(checkInvite({ ...invite, uses: 1 }, now)).toBe('used-up');
    expect(checkInvite({ ...invite, uses: 31, maxUses: 30 }, now)).toBe('used-up');
  });

  it('says revoked before expired or used up', () => {
    const revokedAt = new Date('2027-01-05T08:00:00Z');
    expect(checkInvite({ ...invite, revokedAt }, now)).toBe('revoked');
    expect(checkInvite({ ...invite, revokedAt, uses: 1, expiresAt: new Date('2027-01-06T00:00:00Z') }, now)).toBe(
      'revoked',
    );
  });

  it('says expired before used up', () => {
    expect(checkInvite({ ...invite, uses: 1, expiresAt: new Date('2027-01-06T00:00:00Z') }, now)).toBe('expired');
  });
});

describe('reading a join request', () => {
  it.each([
    ['JOIN ABCD2345', 'ABCD2345'],
    ['join abcd2345', 'ABCD2345'],
    ['REJOINDRE ABCD2345', 'ABCD2345'],
    ['rejoindre abcd-2345', 'ABCD2345'],
    ['Rejoindre   ABCD 2345  ', 'ABCD2345'],
    ['REJOINDRE : ABCD2345', 'ABCD2345'],
    ['JOIN:ABCD2345', 'ABCD2345'],
    ['/start ABCD2345', 'ABCD2345'],
    ['/start@CompagnonBot ABCD2345', 'ABCD2345'],
    ['/join ABCD-2345', 'ABCD2345'],
    ['start abcd2345', 'ABCD2345'],
    ['JOIN\nABCD2345', 'ABCD2345'],
    ['JOIN team_2027', 'TEAM_2027'],
  ])('reads "%s" as %s', (text, code) => {
    expect(parseJoinRequest(text)).toBe(code);
  });

  it('refuses what is not a join request', () => {
    for (const text of [
      'ABCD2345',
      'JOIN',
      'rejoindre',
      '/start',
      'JOIN ABC',
      'JOINABCD2345',
      'I want to join ABCD2345',
      'JOIN ABCD2345!',
      'rejoindre le programme ?',
      `JOIN ${'A'.repeat(65)}`,
      'joindre ABCD2345',
    ]) {
      expect(parseJoinRequest(text), text).toBeNull();
    }
  });
});

describe('the language of a join request', () => {
  it.each([
    ['JOIN ABCD2345', 'en'],
    ['/join abcd-2345', 'en'],
    ['Rejoindre : ABCD 2345', 'fr'],
    ['/start ABCD2345', null],
  ] as const)('%s → %s', (text, language) => {
    expect(joinRequestLanguage(text)).toBe(language);
  });
});
