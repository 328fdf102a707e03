import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';

function ioWith(progressStream?: NodeJS.WriteStream): { io: CliIo; lines: string[] } {
  const lines: string[] = [];
  const io: CliIo = {
    stdout: () => undefined,
    stderr: (text) => lines.push(text),
    env: {},
    cwd: '/',
    isTty: progressStream !== undefined,
    ...(progressStream === undefined ? {} : { progressStream }),
  };
  return { io, lines };
}

describe('progress', () => {
  it('without a terminal writes one line per tenth of the work and per phase', () => {
    const { io, lines } = ioWith();
    const progress = createProgress(io, 'audit');
    for (let done = 1; done <= 200; done++) progress.update(done, 200, 'verify');
    progress.update(200, 200, 'triage');
    progress.stop();
    expect(lines).toHaveLength(12); // tenths 0–10 of verify, then triage
    expect(lines[0]).toBe('audit: verify 1/200 items\n');
    expect(lines[1]).toBe('audit: verify 20/200 items\n');
    expect(lines.at(-2)).toBe('audit: verify 200/200 items\n');
    expect(lines.at(-1)).toBe('audit: triage 200/200 items\n');
  });

  it('on a terminal draws a bar on the progress stream and nothing on stderr lines', () => {
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 100,
    }) as unknown as NodeJS.WriteStream;
    let drawn = '';
    (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const { io, lines } = ioWith(stream);
    const progress = createProgress(io, 'audit');
    progress.update(0, 50, 'verify');
    progress.update(50, 50, 'verify');
    progress.stop();
    expect(lines).toEqual([]);
    expect(drawn).toContain('audit verify [');
    expect(drawn).toMatch(/\d+\/50 items/);
  });
});
