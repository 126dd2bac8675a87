import type { Language, LocalizedText } from '../../domain/programme/language.ts';

/** A programme whose new consent text the person must answer first. */
export interface PendingConsentView {
  programmeId: string;
  programmeName: LocalizedText;
  version: string;
  text: LocalizedText;
}

/** Consents given or refused, when joining and each time a programme's consent text changes. */
export interface ConsentStore {
  recordConsent: (
    personId: string,
    programmeId: string,
    given: boolean,
    version: string,
    locale: Language,
  ) => Promise<void>;
  /** The first programme whose new consent text the person agreed to no version of yet, having agreed to an earlier one. */
  pendingConsent: (personId: string) => Promise<PendingConsentView | null>;
  /** Marks the person as asked to consent again (delivery holds all but replies), or no longer. */
  setConsentAsked: (personId: string, at: Date | null) => Promise<void>;
}
