import { join } from 'node:path';
import { runCli } from '../src/cli/index.js';
import type { CliIo } from '../src/cli/io.js';

export interface StewardRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process as `steward <args>` in `cwd`, with its output captured, its cache under `cacheRoot`
 * and the Hugging Face hub pointed at a closed loopback port (no test reaches the network).
 */
export async function runSteward(
  args: readonly string[],
  options: { cwd: string; cacheRoot?: string; io?: Partial<CliIo> },
): Promise<StewardRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {
      STEWARD_CACHE_DIR: join(options.cacheRoot ?? options.cwd, 'cache'),
      HF_ENDPOINT: 'http://127.0.0.1:9',
    },
    cwd: options.cwd,
    isTty: false,
    ...options.io,
  };
  const code = await runCli(['node', 'steward', ...args], io);
  return { code, stdout, stderr };
}
