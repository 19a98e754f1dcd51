import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

describe('loading the library under tsx, as the apps run', () => {
  it('shares one tfjs engine whichever module loads first', async () => {
    const { stdout } = await run(path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'test/fixtures/cast-gradient.ts')], { cwd: ROOT });
    expect(JSON.parse(stdout)).toEqual([1, 1]);
  });
});
