import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { generate, generatedDir, readNamingText } from '../../scripts/generate/index.js';
import type { SpecModel } from '../../scripts/generate/model.js';
import type { OpenApiDocument } from '../../scripts/generate/spec.js';
import { repoRoot } from './spec.js';

/** The package as built from one revision of the spec, in a folder of its own. */
export interface VariantProject {
  folder: string;
  /** The generated files, by name. */
  generated: Map<string, string>;
  /** The generator's model of the revision (operations, names, validators). */
  model: SpecModel;
  /** The built package's main entry, imported. */
  load(): Promise<typeof import('../../src/index.js')>;
  /** Removes the folder. */
  remove(): Promise<void>;
}

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  allowJs: true,
  declaration: true,
  skipLibCheck: true,
  types: ['node'],
};

/** Parsed files outside the variant folders (TypeScript's libs, @types/node, openapi-fetch), shared by every build. */
const sharedSourceFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * Regenerates the package from a revision of the spec, as a user would with `npm run generate` and
 * `npm run build`: the sources of src/ with the generated files of this revision, type-checked and built
 * into `dist/` (with `extraFiles`, e.g. a typed usage file, checked in the same program). Throws with
 * TypeScript's messages when the build fails.
 */
export async function buildVariantProject(
  document: OpenApiDocument,
  {
    extraFiles = {},
    naming = readNamingText(repoRoot),
    editGenerated = () => undefined,
  }: {
    extraFiles?: Record<string, string>;
    naming?: string;
    /** Changes the generated files before the build (to show what the compiler catches). */
    editGenerated?: (files: Map<string, string>) => void;
  } = {},
): Promise<VariantProject> {
  const specText = JSON.stringify(document, null, 2);
  const { files: generated, model } = await generate(specText, naming);
  editGenerated(generated);
  const folder = await mkdtemp(join(tmpdir(), 'stability-rest-variant-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  try {
    await cp(join(repoRoot, 'src'), join(folder, 'src'), {
      recursive: true,
      filter: (source) => !source.startsWith(join(repoRoot, generatedDir)),
    });
    await mkdir(join(folder, generatedDir), { recursive: true });
    for (const [name, content] of generated) await writeFile(join(folder, generatedDir, name), content);
    for (const [name, content] of Object.entries(extraFiles)) await writeFile(join(folder, 'src', name), content);
    await writeFile(join(folder, 'package.json'), '{"type":"module"}');
    await symlink(join(repoRoot, 'node_modules'), join(folder, 'node_modules'), 'dir');
    compile(folder);
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    folder,
    generated,
    model,
    load: () => import(pathToFileURL(join(folder, 'dist', 'index.js')).href),
    remove,
  };
}

function compile(folder: string): void {
  const sourceFolder = join(folder, 'src');
  const host = ts.createCompilerHost({ ...compilerOptions, rootDir: sourceFolder, outDir: join(folder, 'dist') });
  const ownGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (fileName.startsWith(folder) && !fileName.includes('/node_modules/')) {
      return ownGetSourceFile(fileName, languageVersion, onError, shouldCreate);
    }
    if (!sharedSourceFiles.has(fileName)) {
      sharedSourceFiles.set(fileName, ownGetSourceFile(fileName, languageVersion, onError, shouldCreate));
    }
    return sharedSourceFiles.get(fileName);
  };
  const roots = ts.sys.readDirectory(sourceFolder, ['.ts', '.js'], undefined, undefined);
  const program = ts.createProgram({
    rootNames: roots,
    options: { ...compilerOptions, rootDir: sourceFolder, outDir: join(folder, 'dist') },
    host,
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  if (diagnostics.length > 0) {
    throw new Error(
      `the package built from this spec does not compile:\n${ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => folder,
        getNewLine: () => '\n',
      })}`,
    );
  }
}
