import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chooseStewardEntry, REPOSITORY } from '../../test/steward-process.js';

describe('output to a reader that goes away', () => {
  it('`steward calc list | head -0`: the output is dropped, no EPIPE crash, exit 0', async () => {
    const child = spawn(process.execPath, [...chooseStewardEntry(), 'calc', 'list'], {
      cwd: REPOSITORY,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `| head -0`: the reader is gone before the command writes anything.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) =>
      child.on('exit', (exitCode) => resolve(exitCode)),
    );
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
