import type { FastifyRequest } from 'fastify';
import { acceptedLanguage } from '../domain/dashboard-language.ts';
import { isLanguage, type Language } from '../domain/programme/language.ts';

/**
 * The language of a page shown before sign-in (the sign-in pages, their errors, the 429 page):
 * the one chosen with the page's switch (`?lang=fr|en`), else the browser's preferred one among
 * ours (Accept-Language), else the default.
 */
export function requestLanguage(request: FastifyRequest, fallback: Language): Language {
  const chosen = chosenLanguage(request);
  if (chosen) return chosen;
  const header = request.headers['accept-language'];
  return acceptedLanguage(typeof header === 'string' ? header : undefined) ?? fallback;
}

/** The language named by the address's `lang` parameter, when it names one of ours. */
export function chosenLanguage(request: FastifyRequest): Language | null {
  const query = request.query;
  const lang = query && typeof query === 'object' ? (query as Record<string, unknown>).lang : undefined;
  return isLanguage(lang) ? lang : null;
}
