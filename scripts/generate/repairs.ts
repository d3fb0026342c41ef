import { type OpenApiDocument, resolvePointer, SpecError } from './spec.js';

/**
 * Checks every `$ref` of the spec and repairs the one kind of broken reference that carries no rule: a
 * discriminator mapping to a schema the spec does not have (a revision that removed the variant schemas
 * but kept the mapping). The mapping is dropped from an in-memory copy, so the body is checked against
 * the schema that declared it; the notes say where. Any other dangling `$ref` is a SpecError naming it.
 */
export function repairSpec(document: OpenApiDocument): { document: OpenApiDocument; notes: string[] } {
  const copy = structuredClone(document);
  const notes: string[] = [];
  visit(copy, '#', (node, pointer) => {
    const mapping = (node.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping;
    if (!mapping) return;
    const dangling = Object.entries(mapping).filter(([, ref]) => !resolves(copy, ref));
    if (dangling.length === 0) return;
    delete (node.discriminator as { mapping?: unknown }).mapping;
    notes.push(
      `${pointer}/discriminator/mapping: dropped, it points at schemas the spec does not have (${dangling
        .map(([, ref]) => ref)
        .join(', ')})`,
    );
  });
  visit(copy, '#', (node, pointer) => {
    if (typeof node.$ref === 'string' && !resolves(copy, node.$ref)) {
      throw new SpecError(pointer, `dangling reference ${node.$ref}`);
    }
  });
  return { document: copy, notes };
}

function resolves(document: OpenApiDocument, ref: string): boolean {
  try {
    resolvePointer(document, ref, '#');
    return true;
  } catch {
    return false;
  }
}

function visit(value: unknown, pointer: string, fn: (node: Record<string, unknown>, pointer: string) => void): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) visit(item, `${pointer}/${index}`, fn);
  } else if (value && typeof value === 'object') {
    fn(value as Record<string, unknown>, pointer);
    for (const [key, child] of Object.entries(value)) {
      // Examples are data: a `$ref` key inside one is not a reference.
      if (key === 'example') continue;
      visit(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, fn);
    }
  }
}
