import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { keywordMessages, messageFunction } from '../scripts/generate/validators.js';
import { schemaMessage } from '../src/generated/validators.js';

/** A schema and a value that breaks it, for each keyword whose message the generator knows. */
const breaches: Record<string, { schema: object; data: unknown }> = {
  required: { schema: { required: ['id'] }, data: {} },
  type: { schema: { type: 'string' }, data: 1 },
  enum: { schema: { enum: ['a', 'b'] }, data: 'c' },
  const: { schema: { const: 1 }, data: 2 },
  maximum: { schema: { maximum: 5 }, data: 6 },
  minimum: { schema: { minimum: 5 }, data: 4 },
  exclusiveMaximum: { schema: { exclusiveMaximum: 5 }, data: 5 },
  exclusiveMinimum: { schema: { exclusiveMinimum: 5 }, data: 5 },
  multipleOf: { schema: { multipleOf: 64 }, data: 100 },
  maxLength: { schema: { maxLength: 2 }, data: 'abc' },
  minLength: { schema: { minLength: 2 }, data: 'a' },
  pattern: { schema: { pattern: '^a+$' }, data: 'b' },
  format: { schema: { format: 'email' }, data: 'not an address' },
  maxItems: { schema: { maxItems: 1 }, data: [1, 2] },
  minItems: { schema: { minItems: 2 }, data: [1] },
  additionalItems: { schema: { items: [{}], additionalItems: false }, data: [1, 2] },
  uniqueItems: { schema: { uniqueItems: true }, data: [1, 2, 1] },
  maxProperties: { schema: { maxProperties: 1 }, data: { a: 1, b: 2 } },
  minProperties: { schema: { minProperties: 1 }, data: {} },
  additionalProperties: { schema: { properties: {}, additionalProperties: false }, data: { a: 1 } },
  propertyNames: { schema: { propertyNames: { maxLength: 1 } }, data: { ab: 1 } },
  // Built from entries: an object literal with a `then` key reads as a thenable to linters.
  if: {
    schema: Object.fromEntries([
      ['if', { type: 'string' }],
      ['then', { minLength: 2 }],
    ]),
    data: 'a',
  },
  anyOf: { schema: { anyOf: [{ type: 'string' }, { type: 'number' }] }, data: true },
  oneOf: { schema: { oneOf: [{ type: 'number' }, { minimum: 0 }] }, data: 1 },
  not: { schema: { not: { type: 'number' } }, data: 1 },
  'false schema': { schema: { properties: { a: false } }, data: { a: 1 } },
};

/** ajv's own errors for a breach: the oracle, with messages on (the generated validators have them off). */
function ajvErrors(schema: object, data: unknown): ErrorObject[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
  const validate = ajv.compile(schema);
  expect(validate(data)).toBe(false);
  return validate.errors ?? [];
}

/** Every keyword's message as `schemaMessage` would give it, were the spec to use them all. */
const everyKeyword = new Function(
  `${messageFunction(Object.keys(keywordMessages)).replace('export function', 'function')}\nreturn schemaMessage;`,
)() as (issue: { keyword: string; params: Record<string, unknown> }) => string;

describe('schemaMessage gives the words ajv gives', () => {
  it('has a breach for every keyword it knows', () => {
    expect(Object.keys(breaches).sort()).toEqual(Object.keys(keywordMessages).sort());
  });

  it.each(Object.entries(breaches))('%s', (keyword, { schema, data }) => {
    const errors = ajvErrors(schema, data);
    expect(errors.map((error) => error.keyword)).toContain(keyword);
    for (const error of errors) expect(everyKeyword(error)).toBe(error.message);
  });

  it('a type list reads as ajv writes it', () => {
    const [error] = ajvErrors({ type: ['string', 'null'] }, 1);
    expect(error && everyKeyword(error)).toBe('must be string,null');
  });

  it('the generated function knows the keywords its validators report, and any other in ajv words', () => {
    expect(schemaMessage({ instancePath: '/steps', keyword: 'maximum', params: { comparison: '<=', limit: 50 } })).toBe(
      'must be <= 50',
    );
    expect(schemaMessage({ instancePath: '', keyword: 'constructor', params: {} })).toBe(
      'must pass "constructor" keyword validation',
    );
  });
});
