import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../index.js';
import type { CliIo } from '../io.js';
import { rewardServeCommand } from './reward-serve.js';

function makeIo(signal?: AbortSignal): CliIo & { output: () => string } {
  let stdout = '';
  return {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stdout += text),
    env: {},
    cwd: tmpdir(),
    isTty: false,
    ...(signal === undefined ? {} : { signal }),
    output: () => stdout,
  };
}

describe('steward reward serve', () => {
  it('serves rewards on loopback in the chosen mode with the given weights, and stops on the signal', async () => {
    const controller = new AbortController();
    const io = makeIo(controller.signal);
    let url = '';
    const stopped = rewardServeCommand({
      port: 0,
      host: '127.0.0.1',
      mode: 'abstention-aware',
      rules: 'relative-5pct',
      weights: '{"abstainedOnComputable": 0.4}',
      maxBodyMb: undefined,
      json: undefined,
      io,
      onListening: (listening) => (url = listening),
    });
    await expect.poll(() => url).not.toBe('');
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ mode: 'abstention-aware', weights: { abstainedOnComputable: 0.4 } });
    const response = await fetch(`${url}/openrlhf`, {
      method: 'POST',
      body: JSON.stringify({ query: ['p<answer>N/A</answer>'], prompts: ['p'], labels: ['12'] }),
    });
    expect(((await response.json()) as { rewards: number[] }).rewards).toEqual([0.4]);
    controller.abort();
    expect((await stopped).json).toMatchObject({ stopped: true, mode: 'abstention-aware' });
    expect(io.output()).toMatch(/reward service on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('refuses weights that break the order or are not JSON (exit 2) before listening', async () => {
    const io = makeIo();
    expect(
      await runCli(['node', 'steward', 'reward', 'serve', '--weights', '{"abstainedOnComputable": 2}'], io),
    ).toBe(2);
    expect(await runCli(['node', 'steward', 'reward', 'serve', '--weights', '{"bonus": 1}'], io)).toBe(2);
    expect(await runCli(['node', 'steward', 'reward', 'serve', '--weights', 'not json'], io)).toBe(2);
    expect(await runCli(['node', 'steward', 'reward', 'serve', '--mode', 'generous'], io)).toBe(2);
  });
});
