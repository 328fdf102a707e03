import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

export interface ProgressReporter {
  update(done: number, total: number, phase: string): void;
  stop(): void;
}

/**
 * A bar on an interactive terminal; otherwise one stderr line per tenth of the work (and per phase), so logs
 * of CI jobs and pipes stay short.
 */
export function createProgress(io: CliIo, label: string): ProgressReporter {
  const stream = io.progressStream;
  if (stream !== undefined) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} {phase} [{bar}] {value}/{total} items | {eta_formatted} left`,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total, phase) => {
        if (!started) {
          bar.start(total, done, { phase });
          started = true;
        } else bar.update(done, { phase });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = -1;
  let lastPhase = '';
  return {
    update: (done, total, phase) => {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (phase === lastPhase && tenth === lastTenth) return;
      lastPhase = phase;
      lastTenth = tenth;
      io.stderr(`${label}: ${phase} ${done}/${total} items\n`);
    },
    stop: () => undefined,
  };
}
