import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeRuntimeEnv } from './product-process';

describe('the Node runtime settings the product processes start with', () => {
  it('are the deployment file’s settings, comments left out', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'runtime-env-')), 'node-runtime.env');
    writeFileSync(file, '# why\nNODE_OPTIONS=--max-semi-space-size=4\n\nMALLOC_ARENA_MAX=2\n');
    expect(nodeRuntimeEnv(file)).toEqual({
      NODE_OPTIONS: '--max-semi-space-size=4',
      MALLOC_ARENA_MAX: '2',
    });
  });

  it('are read from deploy/node-runtime.env by default, as npm start reads them', () => {
    expect(Object.keys(nodeRuntimeEnv()).sort()).toEqual(['MALLOC_ARENA_MAX', 'NODE_OPTIONS']);
  });
});
