/** Where in a programme file's structure, e.g. ['exercises', 2, 'questions', 0, 'type']. */
export type ProgrammeFilePath = (string | number)[];

/** The path as a reader writes it: exercises[2].questions[0].type */
export function formatPath(path: ProgrammeFilePath): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
}
