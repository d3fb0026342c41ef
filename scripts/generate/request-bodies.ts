import type { Catalog } from './catalog.js';

/**
 * Emits the table the client uses to pick a request body's validator: per operation, its media type,
 * how the variant is chosen (discriminator value, oneOf branch, or the only one), and the upload fields.
 */
export function generateRequestBodies(catalog: Catalog): string {
  const imports = catalog.requestBodies.flatMap((body) => body.variants.map((variant) => variant.validatorName));
  const operations = catalog.requestBodies.map((body) => {
    const variants = body.variants.map(
      (variant) =>
        `      ${variant.schemaName}: {\n` +
        `        validate: ${variant.validatorName},\n` +
        `        fields: ${JSON.stringify(variant.fields)},\n` +
        `        uploadFields: ${JSON.stringify(variant.uploadFields)},\n` +
        '      },',
    );
    return [
      `  ${body.operationId}: {`,
      `    method: '${body.method}',`,
      `    path: '${body.path}',`,
      `    mediaType: '${body.mediaType}',`,
      `    selector: ${JSON.stringify(body.selector)},`,
      '    variants: {',
      ...variants,
      '    },',
      '  },',
    ].join('\n');
  });
  const responseImports = catalog.responses.map((response) => response.validatorName);
  const responses = catalog.responses.map((response) => `  ${response.name}: ${response.validatorName},`);
  return [
    `import { ${[...new Set([...imports, ...responseImports])].sort().join(', ')} } from './validators.js';`,
    '',
    '/** Request bodies by operationId: how to choose a variant and which validator checks it. */',
    'export const requestBodies = {',
    ...operations,
    '} as const;',
    '',
    '/** Validators of the JSON response bodies, by schema or response name. */',
    'export const responseValidators = {',
    ...responses,
    '} as const;',
    '',
  ].join('\n');
}
