/** `npm run build`: refuses stale generated files, then builds dist/ (see scripts/build/package.ts). */
import { join } from 'node:path';
import { buildPackage } from './build/package.js';

await buildPackage(join(import.meta.dirname, '..', 'dist'));
