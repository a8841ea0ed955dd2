import { readdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const MODEL_EXTENSIONS = new Set(['.bpmn', '.dmn']);

/** The models in bpmn/, or the files named. */
export function modelFiles(named: string[], modelsDir: string): string[] {
  if (named.length > 0) return named.map((file) => resolve(file));
  return readdirSync(modelsDir)
    .filter((file) => MODEL_EXTENSIONS.has(extname(file)))
    .sort()
    .map((file) => join(modelsDir, file));
}
