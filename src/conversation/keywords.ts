/**
 * Words people type instead of commands (WhatsApp and the simulator have no slash commands),
 * in both languages, matched without case or accents. Telegram's /commands map to the same names.
 */
const KEYWORDS = {
  help: ['help', 'aide', 'menu', '?'],
  language: ['language', 'langue', 'lang'],
  start: ['start', 'bonjour', 'hello', 'salut', 'hi', 'demarrer'],
  progress: ['progress', 'progres', 'progression', 'suivi'],
  pause: ['pause'],
  resume: ['resume', 'reprendre', 'continue', 'continuer'],
  stop: ['stop', 'arret', 'arreter', 'unsubscribe', 'desabonner'],
  my_data: ['my data', 'mydata', 'mes donnees', 'donnees', 'data'],
  erase: ['delete', 'erase', 'effacer', 'supprimer', 'delete my data', 'effacer mes donnees'],
  mentor: ['mentor', 'mon mentor', 'my mentor', 'mentore', 'mentora'],
  mentees: ['mentees', 'mentores', 'mes mentores', 'my mentees'],
  broadcast: ['broadcast', 'annonce', 'diffuser'],
  stats: ['stats', 'statistiques', 'statistics'],
  cancel: ['cancel', 'annuler'],
  plan: ['plan', 'mon plan', 'my plan', "plan d'action", 'action plan'],
  dashboard: ['dashboard', 'tableau de bord'],
  agenda: ['agenda', 'sessions', 'mes sessions', 'my sessions'],
  present: ['present', 'presente', 'here'],
  help_desk: ['question', 'aide humaine', 'humain', 'help desk', 'helpdesk', 'human'],
  write: ['ecrire', 'write'],
  participants: ['participants', 'mes participants', 'my participants'],
  apply: ['postuler', 'apply', 'candidater', 'candidature'],
  country: ['pays', 'country', 'mon pays', 'my country'],
  link: ['lier', 'link', 'relier'],
  unlink: ['delier', 'unlink'],
} as const;

export type Keyword = keyof typeof KEYWORDS;

/** Every command's name, as stored in a dialogue state. */
export const KEYWORD_NAMES = Object.keys(KEYWORDS) as [Keyword, ...Keyword[]];

/**
 * Keywords that take an argument after them ("pause 7", "présent K7P-Q3M"), and the shape it has:
 * an attendance code is one word or two, so that "Here is my answer" is not taken for one.
 */
const WITH_ARGUMENT: Partial<Record<Keyword, RegExp>> = {
  pause: /^.+$/,
  present: /^(: ?)?[a-z0-9-]+( [a-z0-9-]+)?$/,
  // "LIER K7P-Q3M": the code the other chat gave.
  link: /^[a-z0-9-]{3,16}( [a-z0-9-]{3,8})?$/,
  // "DÉLIER WHATSAPP": the channel to detach.
  unlink: /^[a-z]+$/,
};

export interface KeywordMatch {
  keyword: Keyword;
  argument: string;
}

/**
 * Keyword words that are also ordinary words someone may well write as a whole answer, a name, a
 * note or a message ("Pause", "Continuer", "Plan", "Mentor", "Bonjour"): where free text is
 * expected, the person is asked which they meant. The others ("MES DONNÉES", "EFFACER", "STOP",
 * "AIDE", "LANGUE", "PROGRÈS"…) are commands nobody writes as an answer: they act at once, and those
 * that only show something leave the dialogue where it was.
 */
const ORDINARY_WORDS: readonly string[] = [
  ...KEYWORDS.start,
  'menu',
  'pause',
  'resume',
  'reprendre',
  'continue',
  'continuer',
  'data',
  'donnees',
  'plan',
  ...KEYWORDS.mentor,
  'suivi',
  'progression',
  ...KEYWORDS.broadcast,
  'agenda',
  'sessions',
  ...KEYWORDS.present,
  'question',
  'humain',
  'human',
  ...KEYWORDS.write,
];

/** Whether a text that reads as a keyword may also be meant as an answer: a bare ordinary word, typed without a slash. */
export function mayBeAnAnswer(text: string): boolean {
  const normalized = normalizeWords(text);
  return !normalized.startsWith('/') && ORDINARY_WORDS.includes(normalized);
}

/** The command a text or a /command stands for, if any: "Aide" → help, "pause 7" → pause with "7". */
export function matchKeyword(text: string): KeywordMatch | null {
  const normalized = normalizeWords(text).replace(/^\//, '');
  for (const [keyword, words] of Object.entries(KEYWORDS) as [Keyword, readonly string[]][]) {
    if (words.includes(normalized)) return { keyword, argument: '' };
  }
  const [first = '', ...rest] = normalized.split(' ');
  for (const [keyword, shape] of Object.entries(WITH_ARGUMENT) as [Keyword, RegExp][]) {
    const argument = rest.join(' ');
    if ((KEYWORDS[keyword] as readonly string[]).includes(first) && shape.test(argument)) return { keyword, argument };
  }
  return null;
}

/** Lower case, no accents, straight apostrophes (phones type ’), single spaces, no trailing punctuation: how people's words are compared. */
export function normalizeWords(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’‘]/gu, "'")
    .replace(/[.!¡]+$/u, '')
    .replace(/\s+/g, ' ');
}
