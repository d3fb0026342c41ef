import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { propertyDocs } from './property-docs.js';
import type { LoadedSpec, SchemaObject } from './spec.js';

/**
 * What a `format: binary` request field accepts: any upload the client can put in a file part.
 * openapi-typescript would type it `string`; the wire form is a file, never text.
 */
const uploadType = ts.factory.createUnionTypeNode(
  ['Blob', 'ArrayBuffer', 'ArrayBufferView'].map((name) => ts.factory.createTypeReferenceNode(name)),
);

/** Whether a schema pointer is a component schema or lies in a request body (where binary means a file to send). */
function isRequestSchemaPath(path: string): boolean {
  return (
    path.startsWith('#/components/schemas/') ||
    path.startsWith('#/components/requestBodies/') ||
    path.includes('/requestBody/')
  );
}

/** Emits path, operation and component types with openapi-typescript. */
export async function generateTypes(spec: LoadedSpec): Promise<string> {
  const docs = propertyDocs(spec.document);
  const ast = await openapiTS(spec.text, {
    // `Extras` is `{type: object}` with no properties: users pass arbitrary keys.
    emptyObjectsUnknown: true,
    transform(schema, { path }) {
      // Only request fields are uploads: a binary response body (a PNG) stays as the spec types it.
      if (schema.format === 'binary' && path && isRequestSchemaPath(path)) return uploadType;
      return undefined;
    },
    // Hovers on fields show the spec's words even where the property is only a `$ref`.
    transformProperty: (property, schema) => docs.collect(property, schema as SchemaObject),
  });
  docs.apply();
  for (const node of ast) documentTopLevel(node);
  return astToString(ast);
}

/** What each top-level declaration openapi-typescript emits holds, for the API reference and hovers. */
const topLevelDocs: Record<string, string> = {
  paths: "The spec's paths: per path, its parameters and one operation per HTTP method (`never` where none).",
  webhooks: "The spec's webhooks (none in OpenAPI 3.0).",
  components: "The spec's components: schemas, responses, parameters, request bodies and headers, by name.",
  $defs: 'Schema definitions outside components (none here).',
  operations: 'Every operation of the spec by operationId: parameters, request body and responses by status.',
};

/** Puts the doc comment of a top-level declaration in front of it. */
function documentTopLevel(node: ts.Node): void {
  if (!ts.isInterfaceDeclaration(node) && !ts.isTypeAliasDeclaration(node)) return;
  const text = topLevelDocs[node.name.text];
  if (text) ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, `* ${text} `, true);
}
