/** Where a command writes what it has to say; tests pass their own. */
export interface Output {
  info: (line: string) => void;
  error: (line: string) => void;
}

/**
 * Terminal escape sequences: CSI (colours, cursor moves, clearing the screen), OSC (window title,
 * hyperlinks, clipboard) and the two-character ones.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
/** Other control characters (a carriage return rewrites the line), and bidirectional overrides that reorder what is shown. Tabs and line breaks stay. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text as it is safe to print on a terminal: names, answers and error messages come from people
 * and platforms, and must not be able to move the cursor, recolour or hide lines, or set the
 * window title.
 */
export function printable(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

export const consoleOutput: Output = {
  info: (line) => process.stdout.write(`${printable(line)}\n`),
  error: (line) => process.stderr.write(`${printable(line)}\n`),
};

/** A command failed for a reason the user can fix; its message is printed without a stack trace. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
