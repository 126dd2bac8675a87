import type { LocalizedText } from './language.ts';

/** One consent text and the version a consent given to it records. */
export interface ConsentText {
  version: string;
  text: LocalizedText;
}

/**
 * A programme's consent texts: the participants' (the file's `consent.version` and `text`), and
 * the mentors' and the staff's when the file gives them their own.
 */
export interface ProgrammeConsent extends ConsentText {
  mentor?: ConsentText;
  staff?: ConsentText;
}

/**
 * The text a person in `role` agrees to, and the version their consent records. A role with a
 * text of its own records it prefixed with the role ("mentor:2027-01"), so that a version names
 * one text only: a new participant version never asks mentors again, nor the other way round. A
 * role without one (participants, trainers) reads the participants' text and records its version.
 * pending-consent.ts says the same in SQL.
 */
export function consentFor(
  consent: ProgrammeConsent,
  role: 'participant' | 'mentor' | 'trainer' | 'staff',
): ConsentText {
  const own = role === 'mentor' || role === 'staff' ? consent[role] : undefined;
  return own ? { version: `${role}:${own.version}`, text: own.text } : { version: consent.version, text: consent.text };
}

/** Which text a recorded version names: the role whose own text it was, or the participants'. */
export function consentVersionRole(recorded: string): { role: 'participant' | 'mentor' | 'staff'; version: string } {
  const [, role, version] = /^(mentor|staff):(.*)$/s.exec(recorded) ?? [];
  return role && version !== undefined
    ? { role: role as 'mentor' | 'staff', version }
    : { role: 'participant', version: recorded };
}
