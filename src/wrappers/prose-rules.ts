import type { OperationEntry, ParameterEntry, VariantEntry } from '../generated/operations.js';
import type { ValidationIssue } from './errors.js';
import { words } from './words.js';

/**
 * What the Stability v1 spec states only in prose, as checks the client runs before sending.
 *
 * This is the one place that knows about this API beyond its spec. Each rule says which spec facts it rests
 * on, finds them in the generated operation table (field names, the component schemas fields refer to,
 * response media types, parameter examples) and applies only where they are: a revision of the spec
 * without them switches the rule off, and a revision that renames them breaks no compilation. Values the
 * spec gives (defaults, enums, engine ids in examples) are read from the table, never repeated here.
 */

/** What a rule sees of one call. */
export interface RuleContext {
  operation: OperationEntry;
  /** The variant of the body being checked. */
  variant: VariantEntry;
  body: Record<string, unknown>;
  pathValues: Record<string, unknown>;
  /** The media type the call asks for. */
  accept: string;
}

/** A rule the spec states in prose. */
interface ProseRule {
  /** The `rule` of the issues it reports. */
  id: string;
  /** The spec facts the rule rests on: it applies only where they are found. */
  appliesTo(context: RuleContext): boolean;
  check(context: RuleContext): ValidationIssue[];
}

const fieldWithSchema = (variant: VariantEntry, schemaName: string) =>
  variant.fields.find((field) => field.schemaName === schemaName);

/** The value a field has on the wire: the one given, else the spec's default, when it is a number. */
function effectiveNumber(context: RuleContext, fieldName: string | undefined): number | undefined {
  if (fieldName === undefined) return undefined;
  const given = context.body[fieldName];
  if (given !== undefined) return typeof given === 'number' ? given : undefined;
  const fallback = context.variant.fields.find((field) => field.name === fieldName)?.default;
  return typeof fallback === 'number' ? fallback : undefined;
}

/** The value of the operation's path parameter named for the engine (`engine_id`). */
function engineIdOf(context: RuleContext): string | undefined {
  const parameter = context.operation.parameters.find(
    (candidate) => candidate.in === 'path' && words(candidate.name).includes('engine'),
  );
  const value = parameter ? context.pathValues[parameter.name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Sizes as the descriptions of `DiffuseImageWidth`/`DiffuseImageHeight` list them, per engine family. */
interface EngineSizes {
  /** The family as the spec's prose names it. */
  family: string;
  /** How the family's engine ids look (the spec names families, not all their ids). */
  engineIds: RegExp;
  /** Why a size is refused, or undefined when it fits. */
  problem(width: number, height: number): string | undefined;
}

/** "SDXL v0.9: must be one of 1024x1024, 1152x896, ...; SDXL v1.0: same as SDXL v0.9". */
const sdxlFixedSizes = [
  [1024, 1024],
  [1152, 896],
  [1216, 832],
  [1344, 768],
  [1536, 640],
  [640, 1536],
  [768, 1344],
  [832, 1216],
  [896, 1152],
] as const;

const engineSizes: readonly EngineSizes[] = [
  {
    family: 'SDXL v0.9 / v1.0',
    engineIds: /^stable-diffusion-xl-1024-v(0-9|1-0)$/,
    problem: (width, height) =>
      sdxlFixedSizes.some(([w, h]) => w === width && h === height)
        ? undefined
        : `must be one of ${sdxlFixedSizes.map(([w, h]) => `${w}x${h}`).join(', ')}`,
  },
  {
    // "SDXL Beta: must be between 128x128 and 512x896 (or 896x512); only one dimension can be greater than 512."
    family: 'SDXL Beta',
    engineIds: /^stable-diffusion-xl-beta-v2-2-2$/,
    problem: (width, height) =>
      [width, height].every((side) => side >= 128 && side <= 896) && (width <= 512 || height <= 512)
        ? undefined
        : 'must be between 128x128 and 512x896 or 896x512, with only one side above 512',
  },
  {
    // "SD v1.6: must be between 320x320 and 1536x1536"
    family: 'SD v1.6',
    engineIds: /^stable-diffusion-v1-6$/,
    problem: (width, height) =>
      [width, height].every((side) => side >= 320 && side <= 1536)
        ? undefined
        : 'must be between 320x320 and 1536x1536',
  },
];

const rules: readonly ProseRule[] = [
  {
    // The 400 response's prose: "invalid_samples: Sample count may only be greater than 1 when the accept
    // header is set to `application/json`". Rests on: a `samples` field, and an image media type to ask for.
    id: 'samples-accept',
    appliesTo: ({ variant, accept }) =>
      variant.fields.some((field) => field.name === 'samples') && accept.toLowerCase().startsWith('image/'),
    check: ({ body, accept }) =>
      typeof body.samples === 'number' && body.samples > 1
        ? [
            {
              path: '/samples',
              rule: 'samples-accept',
              message: `must be 1 with accept ${accept} (one image per response); use accept application/json for several`,
            },
          ]
        : [],
  },
  {
    // The descriptions of DiffuseImageWidth / DiffuseImageHeight list sizes per engine. Rests on: fields
    // referring to those schemas. A call that gives no size is judged at the spec's default size.
    id: 'engine-dimensions',
    appliesTo: ({ variant }) =>
      fieldWithSchema(variant, 'DiffuseImageWidth') !== undefined ||
      fieldWithSchema(variant, 'DiffuseImageHeight') !== undefined,
    check: (context) => {
      const engineId = engineIdOf(context);
      const sizes = engineSizes.find((candidate) => engineId !== undefined && candidate.engineIds.test(engineId));
      const widthField = fieldWithSchema(context.variant, 'DiffuseImageWidth')?.name;
      const heightField = fieldWithSchema(context.variant, 'DiffuseImageHeight')?.name;
      const width = effectiveNumber(context, widthField);
      const height = effectiveNumber(context, heightField);
      if (!sizes || width === undefined || height === undefined) return [];
      const problem = sizes.problem(width, height);
      if (!problem) return [];
      const given = (field: string | undefined) => field !== undefined && context.body[field] !== undefined;
      const defaulted = [widthField, heightField].filter((field) => field !== undefined && !given(field));
      const note = defaulted.length > 0 ? ` (${defaulted.join(' and ')} from the spec's default)` : '';
      return [
        {
          path: `/${given(widthField) || !given(heightField) ? widthField : heightField}`,
          rule: 'engine-dimensions',
          message: `${width}x${height}${note} ${problem} for ${sizes.family} (${engineId})`,
        },
      ];
    },
  },
  {
    // The descriptions of UpscaleImageWidth / UpscaleImageHeight: "Only one of `width` or `height` may be
    // specified". Rests on: fields referring to both schemas.
    id: 'upscale-one-dimension',
    appliesTo: ({ variant }) =>
      fieldWithSchema(variant, 'UpscaleImageWidth') !== undefined &&
      fieldWithSchema(variant, 'UpscaleImageHeight') !== undefined,
    check: ({ variant, body }) => {
      const width = fieldWithSchema(variant, 'UpscaleImageWidth')?.name as string;
      const height = fieldWithSchema(variant, 'UpscaleImageHeight')?.name as string;
      return body[width] !== undefined && body[height] !== undefined
        ? [{ path: `/${height}`, rule: 'upscale-one-dimension', message: `give ${width} or ${height}, not both` }]
        : [];
    },
  },
];

/** Every issue the prose rules find in a call whose body has the given variant. */
export function proseRuleIssues(context: RuleContext): ValidationIssue[] {
  return rules.filter((rule) => rule.appliesTo(context)).flatMap((rule) => rule.check(context));
}

/**
 * Which branch of a `oneOf` body the engine takes, when the body alone cannot tell (an upscale body with
 * only `image` matches both the ESRGAN and the Latent Upscaler branch). The upscale operation's prose sends
 * ESRGAN engines to one schema and latent upscalers to the other; the engine id and the branch names share
 * the family's words (`esrgan-v1-x2plus` and `RealESRGANUpscaleRequestBody`,
 * `stable-diffusion-x4-latent-upscaler` and `LatentUpscalerUpscaleRequestBody`). Words every branch has
 * (`upscale`, `request`, `body`) tell nothing. Returns undefined when no branch, or several, match.
 */
export function branchForEngine(
  operation: OperationEntry,
  variants: readonly VariantEntry[],
  pathValues: Record<string, unknown>,
): VariantEntry | undefined {
  // Rests on: a path parameter named for the engine (`engine_id`); other oneOf bodies are left to their schemas.
  const engineParameter: ParameterEntry | undefined = operation.parameters.find(
    (candidate) => candidate.in === 'path' && words(candidate.name).includes('engine'),
  );
  const engineId = engineParameter ? pathValues[engineParameter.name] : undefined;
  if (typeof engineId !== 'string' || variants.length < 2) return undefined;
  const branchWords = variants.map((variant) => new Set(words(variant.name)));
  const shared = [...(branchWords[0] ?? [])].filter((word) => branchWords.every((set) => set.has(word)));
  const engineWords = new Set(words(engineId));
  const matches = variants.filter((_variant, index) =>
    [...(branchWords[index] ?? [])].some((word) => !shared.includes(word) && engineWords.has(word)),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The header a client option fills on every request, found among the spec's header parameters by its
 * last words (`clientId` is `Stability-Client-ID`), else the name the API documents.
 */
export function clientOptionHeader(
  option: 'organization' | 'clientId' | 'clientVersion',
  headerNames: readonly string[],
): string {
  const documented = {
    organization: 'Organization',
    clientId: 'Stability-Client-ID',
    clientVersion: 'Stability-Client-Version',
  };
  const wanted = words(option);
  const found = headerNames.find((name) => {
    const have = words(name);
    return (
      have.length >= wanted.length && wanted.every((word, index) => have[have.length - wanted.length + index] === word)
    );
  });
  return found ?? documented[option];
}
