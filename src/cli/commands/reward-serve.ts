import { z } from 'zod';
import { AppError } from '../../app-error.js';
import { parseJsonObject } from '../../contracts/json.js';
import { createRewardApp } from '../../rl/reward-app.js';
import { REWARD_API_SCHEMA_VERSION } from '../../rl/reward-api.js';
import { resolveRewardSettings, type AbstentionWeights } from '../../rl/reward.js';
import type { CommandResult } from '../io.js';
import { checkPort, listenHttp, waitForStop } from '../listen.js';
import { readPackageVersion } from '../program.js';
import type { rewardServeSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const DEFAULT_REWARD_PORT = 8788;
export const DEFAULT_REWARD_HOST = '127.0.0.1';

const weightsSchema = z
  .object({
    correct: z.number(),
    abstainedOnComputable: z.number(),
    answeredNotComputable: z.number(),
    incorrect: z.number(),
    noAnswer: z.number(),
  })
  .partial()
  .strict();

function parseWeights(text: string | undefined): Partial<AbstentionWeights> | undefined {
  if (text === undefined) return undefined;
  const parsed = weightsSchema.safeParse(parseJsonObject(text, '--weights'));
  if (!parsed.success)
    throw new AppError(
      'ARGUMENT_INVALID',
      `--weights: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
      {
        fix: 'Use the keys correct, abstainedOnComputable, answeredNotComputable, incorrect, noAnswer (numbers in [0, 1]).',
      },
    );
  return parsed.data;
}

/** `steward reward serve`: the reward service on loopback until SIGINT/SIGTERM. */
export async function rewardServeCommand(
  options: CommandInput<typeof rewardServeSpec> & { onListening?: (url: string) => void },
): Promise<CommandResult> {
  const { io } = options;
  const port = options.port ?? DEFAULT_REWARD_PORT;
  checkPort(port);
  const host = options.host ?? DEFAULT_REWARD_HOST;
  const weights = parseWeights(options.weights);
  const rewardOptions = {
    mode: options.mode,
    ruleSetId: options.rules,
    ...(weights === undefined ? {} : { weights }),
  };
  const settings = resolveRewardSettings(rewardOptions);
  const app = createRewardApp({
    ...rewardOptions,
    version: readPackageVersion(),
    ...(options.maxBodyMb === undefined ? {} : { maxBodyBytes: options.maxBodyMb * 1024 * 1024 }),
  });
  const { url, close } = await listenHttp(app.fetch, { port, host });
  io.stdout(
    `Steward reward service on ${url} (mode ${settings.mode}, rules ${settings.ruleSet.id}): POST /openrlhf, POST /score, GET /healthz; Ctrl+C stops it.\n`,
  );
  options.onListening?.(url);
  await waitForStop(io.signal);
  await close();
  return {
    text: 'reward service stopped',
    json: { schemaVersion: REWARD_API_SCHEMA_VERSION, url, mode: settings.mode, stopped: true },
  };
}
