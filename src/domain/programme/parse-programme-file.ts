import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { crossCheckProgrammeFile } from './cross-check-programme-file.ts';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from './language.ts';
import { offsetOfPath } from './offset-of-path.ts';
import type { ProgrammeDefinition } from './programme-definition.ts';
import { formatPath, type ProgrammeFilePath as Path } from './programme-file-path.ts';
import { programmeFileSchema } from './programme-schema.ts';
import { toProgrammeDefinition } from './to-programme-definition.ts';

/** One thing wrong in a programme file, located in it. */
export interface ProgrammeFileProblem {
  line: number;
  column: number;
  /** Where in the file's structure, e.g. exercises[2].questions[0].type */
  path: string;
  message: string;
}

type ParseProgrammeResult =
  { ok: true; programme: ProgrammeDefinition } | { ok: false; problems: ProgrammeFileProblem[] };

/** Reads and validates a programme file (YAML, format 1); every problem comes with its line. */
export function parseProgrammeFile(source: string): ParseProgrammeResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { line, column: col, path: '', message: error.message.split('\n')[0] ?? error.message };
      }),
    };
  }
  const locate = (path: Path, message: string): ProgrammeFileProblem => {
    const offset = offsetOfPath(document, path);
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, path: formatPath(path), message };
  };

  const raw: unknown = document.toJS({ maxAliasCount: 100 });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [locate([], 'a programme file must be a mapping of fields (format, id, name, …)')] };
  }
  const declared = (raw as { languages?: unknown }).languages;
  const languages: Language[] =
    Array.isArray(declared) && declared.length > 0 && declared.every(isLanguage) ? declared : [...SUPPORTED_LANGUAGES];

  // With the input in each issue, a field of the wrong type is not mistaken for a missing one.
  const parsed = programmeFileSchema(languages).safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, problems: sortProblems(parsed.error.issues.flatMap((issue) => describeIssue(issue, locate))) };
  }
  const problems = crossCheckProgrammeFile(parsed.data).map(([path, message]) => locate(path, message));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, programme: toProgrammeDefinition(parsed.data) };
}

/** Formats problems the way compilers do: file:line:column: where: what. */
export function formatProblems(fileName: string, problems: ProgrammeFileProblem[]): string {
  return problems
    .map((p) => `${fileName}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`)
    .join('\n');
}

function describeIssue(
  issue: z.core.$ZodIssue,
  locate: (path: Path, message: string) => ProgrammeFileProblem,
): ProgrammeFileProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => locate([...path, key], `unknown field "${key}"`));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined && !issue.message.includes('text (')) {
    const field = path.at(-1);
    return [locate(path, `"${String(field)}" is missing`)];
  }
  if (issue.code === 'invalid_key') {
    return [locate(path, `unknown key ${JSON.stringify(path.at(-1))}`)];
  }
  return [locate(path, issue.message)];
}

function sortProblems(problems: ProgrammeFileProblem[]): ProgrammeFileProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
