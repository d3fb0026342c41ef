import type { FieldDocs } from '../generated/docs.js';

/**
 * A body field that is a list of weighted text prompts, found by its shape in the spec (an array of objects
 * with one required string property and a number property), not by its name.
 */
export interface PromptShape {
  /** The body field (`text_prompts` today). */
  readonly field: string;
  /** The item property that holds the text. */
  readonly text: string;
  /** The item property that holds the weight, if the items have one. */
  readonly weight?: string;
}

/** The weight of a prompt given with `--negative`. */
export const negativeWeight = -1;

/** The first field of `fields` shaped as weighted text prompts, if any. */
export function findPromptShape(fields: { readonly [name: string]: FieldDocs }): PromptShape | undefined {
  for (const [field, docs] of Object.entries(fields)) {
    const properties = docs.items?.type === 'object' ? (docs.items.properties ?? []) : [];
    const texts = properties.filter((property) => property.type === 'string' && property.required);
    const weights = properties.filter((property) => property.type === 'number' || property.type === 'integer');
    const [text] = texts;
    if (text && texts.length === 1 && weights.length <= 1) {
      return { field, text: text.name, ...(weights[0] ? { weight: weights[0].name } : {}) };
    }
  }
  return undefined;
}

/** One prompt as the command line gave it, in order: text, and a weight if one was set. */
export interface PromptInput {
  text: string;
  weight?: number;
}

/** A parsed argument, in command-line order, as far as prompts are concerned. */
export type PromptToken =
  | { kind: 'prompt'; value: string }
  | { kind: 'negative'; value: string }
  | { kind: 'weight'; value: string };

/**
 * Prompts from the arguments in their order: `--prompt` (or a positional), `--negative` (weight -1), and
 * `--weight N` for the prompt just before it. Returns the problems instead of guessing.
 */
export function collectPrompts(tokens: readonly PromptToken[]): { prompts: PromptInput[]; problems: string[] } {
  const prompts: PromptInput[] = [];
  const problems: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'prompt') prompts.push({ text: token.value });
    else if (token.kind === 'negative') prompts.push({ text: token.value, weight: negativeWeight });
    else {
      const last = prompts.at(-1);
      const weight = Number(token.value);
      if (!last) problems.push(`--weight ${token.value}: give it after the --prompt it weighs`);
      else if (token.value.trim() === '' || !Number.isFinite(weight))
        problems.push(`--weight ${token.value}: not a number`);
      else last.weight = weight;
    }
  }
  return { prompts, problems };
}

/** The prompts as the body field's items. */
export function promptItems(shape: PromptShape, prompts: readonly PromptInput[]): Record<string, unknown>[] {
  return prompts.map((prompt) => ({
    [shape.text]: prompt.text,
    ...(shape.weight !== undefined && prompt.weight !== undefined ? { [shape.weight]: prompt.weight } : {}),
  }));
}
