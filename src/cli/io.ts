import { formatLabelForDisplay } from '../audit/display.js';
import type { BenchmarkOutputType } from '../catalog/medcalc-bench.js';

/** Where a command writes; injected so tests capture output without spawning processes. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is an interactive terminal (progress bars only then). */
  isTty: boolean;
  /** The terminal stream progress bars draw on (stderr of a real process); absent in tests. */
  progressStream?: NodeJS.WriteStream;
  /** Aborted on SIGINT/SIGTERM so long commands stop between transactions. */
  signal?: AbortSignal;
  /** Standard input, for the few commands that read it (`user add --password-stdin`); absent in most tests. */
  stdin?: CliStdin;
}

/** Standard input, touched only when a command asks (reading it at start-up would be a side effect). */
export interface CliStdin {
  /** Whether it is an interactive terminal (nothing piped in). */
  isTty: () => boolean;
  /** Everything piped in, as UTF-8 text, once the input ends. */
  readText: () => Promise<string>;
}

/** Reads a stream to its end as UTF-8 text. */
export async function readStreamText(stream: AsyncIterable<string | Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** What a command produces: text for people, or a JSON document (with schemaVersion) for programs. */
export interface CommandResult {
  text: string;
  json: { schemaVersion: number } & Record<string, unknown>;
  /** Non-zero when the command ran but found problems (e.g. validation errors). */
  exitCode?: number;
}

export function writeResult(io: CliIo, result: CommandResult, json: boolean): number {
  io.stdout(
    json
      ? `${JSON.stringify(result.json, null, 2)}\n`
      : result.text.endsWith('\n')
        ? result.text
        : `${result.text}\n`,
  );
  return result.exitCode ?? 0;
}

/** Left-aligned text table with a header row. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function formatPercent(value: number): string {
  return Number.isNaN(value) ? '–' : `${(value * 100).toFixed(1)}%`;
}

/**
 * A label for a table cell, with the precision of the calculator's output type when known (`formatLabelForDisplay`:
 * integers without decimals, long decimals to 3 places); '–' for none.
 */
export function formatLabel(label: string | null, outputType?: BenchmarkOutputType): string {
  return label === null ? '–' : formatLabelForDisplay(label, outputType);
}

/**
 * Text cut to at most `width` characters at a word boundary, with an ellipsis when cut: never in the middle of a
 * word (a single word longer than the width is the one exception, cut at the width).
 */
export function truncateAtWord(text: string, width: number): string {
  if (text.length <= width) return text;
  const room = text.slice(0, Math.max(1, width - 1));
  // The cut is at a boundary when the next character is a space; otherwise back up to the last space.
  const atBoundary = /\s/.test(text.charAt(room.length));
  const lastSpace = room.search(/\s\S*$/);
  const kept = atBoundary ? room : lastSpace > 0 ? room.slice(0, lastSpace) : room;
  return `${kept.replace(/[\s,;:·-]+$/, '')}…`;
}
