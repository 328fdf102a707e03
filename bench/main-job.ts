/**
 * The main job as users run it, each step a child process measured by `/usr/bin/time` (wall ms, peak RSS MB):
 * `steward audit <v1.0 test CSV> --report audit.html` on an empty store (first run) and again (warm), then the
 * read commands `audit show`, `triage queue`, `llm usage`, and start-up alone (`--version`, `--help`). Both the
 * development entry (`node --import tsx src/cli/main.ts`) and the built `bin/steward.js` (after `npm run build`,
 * what users run), each on its own embedded database folder. Then the built entry again with `steward store serve`
 * holding the folder open (`bin, store serve`): the warm run and the read commands go through its socket, and the
 * server's own peak RSS is reported with them. Targets from issue 17.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type MainJobRunner = 'tsx' | 'bin' | 'bin, store serve';

export type MainJobStep =
  | 'first run'
  | 'warm run'
  | 'audit show'
  | 'triage queue'
  | 'llm usage'
  | '--version'
  | '--help'
  | 'store serve';

export interface MainJobFigure {
  runner: MainJobRunner;
  step: MainJobStep;
  wallMs: number;
  /** User + system CPU time: steadier than wall time on a shared, loaded machine. */
  cpuMs: number;
  peakRssMb: number;
  targetMs: number;
  exitCode: number;
}

/** Issue 17's targets: peak RSS ≤ 300 MB for every step. */
export const MAIN_JOB_TARGET_RSS_MB = 300;

const TARGET_MS: Record<MainJobStep, number> = {
  'first run': 5000,
  'warm run': 2000,
  'audit show': 300,
  'triage queue': 300,
  'llm usage': 300,
  '--version': 300,
  '--help': 300,
  // The server runs as long as it is needed: only its peak RSS has a target.
  'store serve': Number.POSITIVE_INFINITY,
};

const root = fileURLToPath(new URL('..', import.meta.url));
const csvPath = fileURLToPath(new URL('../../shared/data/medcalc-bench-v1.0/test_data.csv', import.meta.url));
const TIME = '/usr/bin/time';

function entryArguments(runner: MainJobRunner): string[] {
  return runner === 'tsx'
    ? ['--import', 'tsx', join(root, 'src/cli/main.ts')]
    : [join(root, 'bin/steward.js')];
}

/** One child under `/usr/bin/time -f`, whose last stderr line is "<elapsed s> <user s> <system s> <max RSS KiB>". */
function measureStep(
  where: { runner: MainJobRunner; environment: NodeJS.ProcessEnv },
  step: MainJobStep,
  commandArguments: readonly string[],
): MainJobFigure {
  const { runner, environment } = where;
  const result = spawnSync(
    TIME,
    ['-f', '%e %U %S %M', process.execPath, ...entryArguments(runner), ...commandArguments],
    { cwd: root, encoding: 'utf8', env: environment, maxBuffer: 256 * 1024 * 1024 },
  );
  const lines = result.stderr.trim().split('\n');
  const [seconds, user, system, kibibytes] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
  const exitCode = result.status ?? -1;
  if (exitCode !== 0) {
    throw new Error(`${runner} ${step} exited with ${exitCode}: ${lines.slice(-5).join('\n')}`);
  }
  return {
    runner,
    step,
    wallMs: Math.round((seconds ?? Number.NaN) * 1000),
    cpuMs: Math.round(((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000),
    peakRssMb: Math.round((kibibytes ?? Number.NaN) / 1024),
    targetMs: TARGET_MS[step],
    exitCode,
  };
}

/** The id `audit show` looks up: the first item of the CSV (its Row Number). */
function readFirstItemId(): string {
  const text = readFileSync(csvPath, 'utf8');
  const secondLine = text.slice(text.indexOf('\n') + 1, text.indexOf(',', text.indexOf('\n') + 1));
  return secondLine;
}

/** Blocks for `milliseconds` (the measurements are synchronous child processes). */
function sleep(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

/** Waits up to `seconds` for `done()`; false when it never became true. */
function waitFor(done: () => boolean, seconds: number): boolean {
  for (let waited = 0; waited < seconds * 1000; waited += 50) {
    if (done()) return true;
    sleep(50);
  }
  return done();
}

/** The peak RSS of a running process, from /proc (VmHWM), in MB. */
function readPeakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kibibytes = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kibibytes / 1024);
}

/**
 * The warm run and the read commands while `steward store serve` keeps `db` (already audited) open, and the
 * server's peak RSS (its time is the steps' time).
 */
function measureWithStoreServer(
  environment: NodeJS.ProcessEnv,
  { db, report, itemId }: { db: string; report: string; itemId: string },
): MainJobFigure[] {
  const runner: MainJobRunner = 'bin, store serve';
  const server = spawn(process.execPath, [...entryArguments('bin'), 'store', 'serve', '--db', db], {
    cwd: root,
    env: environment,
    stdio: 'ignore',
  });
  const pid = server.pid;
  const socket = join(`${db}.sock`, '.s.PGSQL.5432');
  try {
    if (pid === undefined || !waitFor(() => existsSync(socket), 30)) {
      throw new Error('steward store serve did not open its socket within 30 s');
    }
    const where = { runner, environment };
    const figures = [
      measureStep(where, 'warm run', ['audit', csvPath, '--report', report, '--db', db]),
      measureStep(where, 'audit show', ['audit', 'show', itemId, '--db', db]),
      measureStep(where, 'triage queue', ['triage', 'queue', '--db', db]),
      measureStep(where, 'llm usage', ['llm', 'usage', '--db', db]),
    ];
    figures.push({
      runner,
      step: 'store serve',
      wallMs: Number.NaN,
      cpuMs: Number.NaN,
      peakRssMb: readPeakRssMb(pid),
      targetMs: TARGET_MS['store serve'],
      exitCode: 0,
    });
    return figures;
  } finally {
    server.kill('SIGTERM');
    waitFor(() => !existsSync(`${db}.sock`), 10);
  }
}

/**
 * Runs the job for each runner (default both; `bin` needs `npm run build`, and adds the `store serve` variant) in
 * fresh temporary folders.
 */
export function measureMainJob(runners: readonly ('tsx' | 'bin')[] = ['tsx', 'bin']): MainJobFigure[] {
  if (!existsSync(TIME)) throw new Error(`${TIME} is needed to measure peak RSS of a child process`);
  const itemId = readFirstItemId();
  const figures: MainJobFigure[] = [];
  for (const runner of runners) {
    if (runner === 'bin' && !existsSync(join(root, 'dist/cli/index.js'))) continue;
    const folder = mkdtempSync(join(tmpdir(), `steward-main-job-${runner}-`));
    // The embedded store, whatever the calling shell has set.
    const environment = { ...process.env, DATABASE_URL: '', NO_COLOR: '1' };
    const db = join(folder, 'db');
    const report = join(folder, 'audit.html');
    const where = { runner, environment };
    try {
      const audit = ['audit', csvPath, '--report', report, '--db', db];
      figures.push(measureStep(where, 'first run', audit));
      figures.push(measureStep(where, 'warm run', audit));
      figures.push(measureStep(where, 'audit show', ['audit', 'show', itemId, '--db', db]));
      figures.push(measureStep(where, 'triage queue', ['triage', 'queue', '--db', db]));
      figures.push(measureStep(where, 'llm usage', ['llm', 'usage', '--db', db]));
      figures.push(measureStep(where, '--version', ['--version']));
      figures.push(measureStep(where, '--help', ['--help']));
      if (runner === 'bin') figures.push(...measureWithStoreServer(environment, { db, report, itemId }));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return figures;
}

/** One line per step: wall and peak RSS next to the targets, with a mark where a target is missed. */
export function describeMainJob(figures: readonly MainJobFigure[]): string[] {
  return figures.map((figure) => {
    const timeMark = figure.wallMs <= figure.targetMs ? 'ok' : 'over';
    const memoryMark = figure.peakRssMb <= MAIN_JOB_TARGET_RSS_MB ? 'ok' : 'over';
    if (figure.step === 'store serve') {
      return `main job (${figure.runner}) the server itself ${String(figure.peakRssMb).padStart(4)} MB peak RSS (target ≤ ${MAIN_JOB_TARGET_RSS_MB}, ${memoryMark})`;
    }
    return (
      `main job (${figure.runner}) ${figure.step.padEnd(12)} ${String(figure.wallMs).padStart(6)} ms ` +
      `(target ≤ ${figure.targetMs}, ${timeMark}; ${figure.cpuMs} ms CPU)  ${String(figure.peakRssMb).padStart(4)} MB peak RSS ` +
      `(target ≤ ${MAIN_JOB_TARGET_RSS_MB}, ${memoryMark})`
    );
  });
}
