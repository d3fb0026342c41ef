import { type OperationEntry, operations, type VariantEntry } from '../../src/generated/operations.js';
import type { Validator } from '../../src/generated/validators.js';

/** The committed operation table's entries. */
export const tableEntries: readonly OperationEntry[] = Object.values(operations);

/** Every request variant of the committed table, with its operation and media type. */
function tableVariants(): Array<{ operation: OperationEntry; mediaType: string; variant: VariantEntry }> {
  return tableEntries.flatMap((operation) =>
    (operation.request?.media ?? []).flatMap((media) =>
      media.variants.map((variant) => ({ operation, mediaType: media.mediaType, variant })),
    ),
  );
}

/** The validator the committed table holds for the variant named `name` (a schema name). */
export function variantValidator(name: string): Validator<unknown> {
  const found = tableVariants().find(({ variant }) => variant.name === name);
  if (!found) throw new Error(`no request variant named ${name} in the operation table`);
  return found.variant.validate;
}
