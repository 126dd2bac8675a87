/** A deterministic PRNG (mulberry32): the same seed sends the same requests, so a failure can be replayed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)]!,
    chance: (p: number) => next() < p,
  };
}

export interface Random {
  /** In [0, 1). */
  next: () => number;
  /** A whole number in [min, max]. */
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (probability: number) => boolean;
}

/** Stands for deep nesting in a body: replaced in the JSON text, since building it as objects would be slow. */
export const DEEP_MARKER = '__fuzz_deep_nesting__';

export const MUTATIONS = [
  'nul',
  'surrogate',
  'huge',
  'wrongType',
  'delete',
  'absurdTimestamp',
  'deep',
  'unicode',
  'hugeNumber',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  '',
  'text',
  [],
  {},
  [1, 'two'],
  { a: 1 },
  '0',
  'null',
];
const ABSURD_TIMESTAMPS: readonly unknown[] = [
  1e15,
  -1,
  0,
  1e300,
  2 ** 53,
  2 ** 63,
  '99999999999999999999',
  '0',
  '1e15',
  1.5,
  -62_135_596_800,
  253_402_300_800,
];
const HUGE_NUMBERS: readonly unknown[] = [2 ** 53, 2 ** 63, 1e20, -(2 ** 53), 2 ** 53 + 2, 1e308];
const ODD_CHARACTERS = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uFFFF',
  '\uFEFF',
  '\u202E',
  '🙏🏾',
  'é',
  '\\',
  '"',
  '\n',
  '\u0001',
  '\u007F',
  '𝕏',
  '\u2028',
];

/** Every place in a JSON value: the path to each object member and array item, the root left out. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  found: (string | number)[][] = [],
): (string | number)[][] {
  if (Array.isArray(value))
    value.forEach((item, i) => (found.push([...prefix, i]), paths(item, [...prefix, i], found)));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.push([...prefix, key]);
      paths(item, [...prefix, key], found);
    }
  }
  return found;
}

function parentOf(root: unknown, path: (string | number)[]): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  return node;
}

function text(random: Random, length: number): string {
  let result = '';
  while (result.length < length)
    result += random.chance(0.1) ? random.pick(ODD_CHARACTERS) : String.fromCharCode(random.int(0x20, 0x7e));
  return result;
}

function insert(random: Random, original: unknown, piece: string): string {
  const base = typeof original === 'string' ? original : text(random, random.int(0, 12));
  const at = random.int(0, base.length);
  return base.slice(0, at) + piece + base.slice(at);
}

/**
 * Applies one mutation to a random place of `value` (a fresh copy of a platform payload), in
 * place. Timestamps are the fields named `date` or `timestamp` when there are some.
 */
export function mutate(random: Random, value: Record<string, unknown>, mutation: Mutation): void {
  const all = paths(value);
  if (all.length === 0) return;
  const timestamps = all.filter((p) => p.at(-1) === 'date' || p.at(-1) === 'timestamp');
  const strings = all.filter((p) => typeof parentOf(value, p)[p.at(-1)!] === 'string');
  const path =
    mutation === 'absurdTimestamp' && timestamps.length > 0
      ? random.pick(timestamps)
      : random.pick(['nul', 'surrogate', 'unicode'].includes(mutation) && strings.length > 0 ? strings : all);
  const parent = parentOf(value, path);
  const key = path.at(-1)!;
  const current = parent[key];
  switch (mutation) {
    case 'nul':
      parent[key] = insert(random, current, '\u0000'.repeat(random.int(1, 3)));
      break;
    case 'surrogate':
      parent[key] = insert(random, current, random.pick(['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800']));
      break;
    case 'unicode':
      parent[key] = insert(random, current, text(random, random.int(1, 40)));
      break;
    case 'huge':
      parent[key] = 'x'.repeat(random.pick([1_000, 3_000, 10_000, 100_000, 600_000, 1_200_000])) + text(random, 20);
      break;
    case 'wrongType':
      parent[key] = structuredClone(random.pick(WRONG_VALUES));
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 'absurdTimestamp':
      parent[key] = random.pick(ABSURD_TIMESTAMPS);
      break;
    case 'hugeNumber':
      parent[key] = random.pick(HUGE_NUMBERS);
      break;
    case 'deep':
      parent[key] = DEEP_MARKER;
      break;
  }
}

/** The JSON text of a mutated value, deep nesting spelled out. */
export function serialize(
  random: Random,
  value: unknown,
  stringify: (value: unknown) => string = JSON.stringify,
): string {
  const json = stringify(value);
  if (!json.includes(DEEP_MARKER)) return json;
  const depth = random.pick([100, 1_000, 10_000, 100_000]);
  const open = random.chance(0.5) ? '[' : '{"a":';
  const nested =
    open === '[' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return json.replaceAll(`"${DEEP_MARKER}"`, nested);
}
