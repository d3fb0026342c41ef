import type { ValidationIssue } from '../wrappers/errors.js';
import { ValidationError } from '../wrappers/errors.js';
import type { ArgumentModel } from './arguments.js';

/**
 * The flag a validation issue is about: `/cfg_scale` is `--cfg-scale`, `/text_prompts/0/text` is `--prompt`,
 * `path.engine_id` is `--engine-id`, `options.accept` is the Accept flag.
 */
export function flagOfIssue(issue: ValidationIssue, model: ArgumentModel): string | undefined {
  const [location, name] = issue.path.startsWith('/')
    ? ['body', issue.path.split('/')[1] ?? '']
    : (issue.path.split('.') as [string?, string?]);
  if (location === 'body' && name === model.prompts?.field) return '--prompt';
  const spec = model.flags.find((candidate) =>
    location === 'options' && name === 'accept'
      ? candidate.target.in === 'header' && candidate.target.name.toLowerCase() === 'accept'
      : candidate.target.in === location && candidate.target.name === name,
  );
  return spec ? `--${spec.flag}` : undefined;
}

/** The lines that tell a user why nothing was sent: the command line's own problems, then every issue. */
export function refusalLines(problems: readonly string[], error: unknown, model: ArgumentModel): string[] {
  const issues = error instanceof ValidationError ? error.issues : [];
  const lines = [
    ...problems.map((problem) => `  ${problem}`),
    ...issues.map((issue) => {
      const flag = flagOfIssue(issue, model);
      const where = issue.path || '(body)';
      return `  ${flag ? `${flag} (${where})` : where}: ${issue.message} [${issue.rule}]`;
    }),
  ];
  // The schema and a rule may both report one fact (a missing field): say it once.
  const unique = [...new Set(lines)];
  return [`request not sent: ${unique.length} problem(s)`, ...unique];
}

/** One line for an error a call ended with: its class and the first line of its message. */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.name}: ${error.message.split('\n')[0]}`;
}
