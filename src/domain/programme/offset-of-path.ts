import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { ProgrammeFilePath } from './programme-file-path.ts';

/** Offset in the source of the deepest node of `path` that exists (a missing field points at its parent). */
export function offsetOfPath(document: Document, path: ProgrammeFilePath): number {
  let node: unknown = document.contents;
  let offset = document.contents?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      offset = value?.range?.[0] ?? key.range?.[0] ?? offset;
      // A key with an empty value: point at the key, not at whatever follows it.
      if (isScalar(value) && value.value === null) offset = key.range?.[0] ?? offset;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
