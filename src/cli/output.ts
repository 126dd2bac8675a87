/** Where a command writes what it has to say; tests pass their own. */
export interface Output {
  info: (line: string) => void;
  error: (line: string) => void;
}

export const consoleOutput: Output = {
  info: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

/** A command failed for a reason the user can fix; its message is printed without a stack trace. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
