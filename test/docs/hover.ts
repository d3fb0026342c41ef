import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../helpers/spec.js';

/** What an editor shows on hover: the symbol's documentation and its tags, as text. */
export interface Hover {
  documentation: string;
  tags: string[];
}

/**
 * A TypeScript language service over the project's sources plus one in-memory file in test/, with the
 * project's own compiler options: what an editor's TypeScript server answers.
 */
export function hoverService(): { hover(source: string, marker: string): Hover } {
  const { config } = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot);
  const virtual = join(repoRoot, 'test', '__hover__.ts');
  let text = '';
  let version = 0;
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [virtual],
    getScriptVersion: (file) => (file === virtual ? String(version) : '1'),
    getScriptSnapshot: (file) => {
      if (file === virtual) return ts.ScriptSnapshot.fromString(text);
      return ts.sys.fileExists(file) ? ts.ScriptSnapshot.fromString(readFileSync(file, 'utf8')) : undefined;
    },
    getCurrentDirectory: () => repoRoot,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === virtual || ts.sys.fileExists(file),
    readFile: (file) => (file === virtual ? text : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    /** The hover at the first occurrence of `marker` in `source` (which becomes the in-memory file). */
    hover(source, marker) {
      text = source;
      version++;
      const position = source.indexOf(marker);
      if (position < 0) throw new Error(`marker ${marker} not in source`);
      const info = service.getQuickInfoAtPosition(virtual, position);
      return {
        documentation: ts.displayPartsToString(info?.documentation ?? []),
        tags: (info?.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text ?? [])}`.trim()),
      };
    },
  };
}
