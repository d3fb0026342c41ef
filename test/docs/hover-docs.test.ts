import { beforeAll, describe, expect, it } from 'vitest';
import { collectProperties, resolveSchema, type SchemaObject } from '../../scripts/generate/spec.js';
import { specDocument } from '../helpers/spec.js';
import { tableEntries } from '../helpers/table.js';
import { type Hover, hoverService } from './hover.js';

const document = specDocument();
let service: ReturnType<typeof hoverService>;

/** The spec's word on a property: its own keywords over those of the schema it references. */
function specFacts(schema: SchemaObject): SchemaObject {
  const { $ref: _ref, ...own } = schema;
  return { ...(schema.$ref ? resolveSchema(document, schema) : {}), ...own };
}

/** Every request-body property of every operation, by the component schema of its variant. */
function bodyProperties(): Array<{ label: string; variant: string; property: string; facts: SchemaObject }> {
  return tableEntries.flatMap((operation) =>
    (operation.request?.media ?? []).flatMap((media) =>
      media.variants.flatMap((variant) =>
        Object.entries(collectProperties(document, { $ref: `#/components/schemas/${variant.name}` })).map(
          ([property, { schema }]) => ({
            label: `${variant.name}.${property}`,
            variant: variant.name,
            property,
            facts: specFacts(schema),
          }),
        ),
      ),
    ),
  );
}

/** Everything the hover shows, whitespace folded, for substring checks. */
const shown = (hover: Hover) => [hover.documentation, ...hover.tags].join('\n').replace(/\s+/g, ' ');
const folded = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('editor hovers on request-body fields', () => {
  beforeAll(() => {
    service = hoverService();
  });

  it('shows description, default and range on cfg_scale in a textToImage call', () => {
    const source = [
      "import { createStabilityClient } from '../src/index.js';",
      "const stability = createStabilityClient({ apiKey: 'sk-hover' });",
      "void stability.generation.textToImage('stable-diffusion-v1-6', { text_prompts: [{ text: 'a' }], cfg_scale: 7 });",
    ].join('\n');
    const hover = service.hover(source, 'cfg_scale');
    const facts = specFacts({ $ref: '#/components/schemas/CfgScale' });
    expect(hover.documentation).toContain(String(facts.description));
    expect(hover.documentation).toContain(`Range: ${facts.minimum} to ${facts.maximum}.`);
    expect(hover.tags).toContain(`@default ${facts.default}`);
  });

  const properties = bodyProperties();

  it('covers every body property of the spec', () => {
    expect(properties.length).toBeGreaterThan(30);
  });

  it.each(properties)(
    '$label: shows the spec’s description, default, bounds and enum',
    ({ variant, property, facts }) => {
      const source = [
        "import type { components } from '../src/generated/types.js';",
        `export const body: Partial<components['schemas']['${variant}']> = { ${JSON.stringify(property)}: undefined };`,
      ].join('\n');
      const text = shown(service.hover(source, JSON.stringify(property)));
      const expectations = [
        typeof facts.description === 'string' ? folded(facts.description) : undefined,
        facts.default === undefined ? undefined : `@default ${JSON.stringify(facts.default)}`,
        ...['minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems'].map((keyword) =>
          typeof facts[keyword] === 'number' ? String(facts[keyword]) : undefined,
        ),
        ...(Array.isArray(facts.enum) ? facts.enum.map((value) => JSON.stringify(value)) : []),
        typeof facts.format === 'string' ? `Format: ${facts.format}` : undefined,
      ].filter((expectation): expectation is string => expectation !== undefined);
      if (expectations.length === 0) expect(text).toBe(''); // the spec says nothing: nothing is invented
      for (const expectation of expectations) expect(text).toContain(expectation);
    },
  );
});
