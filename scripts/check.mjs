#!/usr/bin/env node
/**
 * `npm run check`: the type check, the lint and the test suite, run side by side instead of one after the other
 * (they are independent, and the tests spend part of their time waiting on child processes, PostgreSQL and the
 * disk). The tests' output streams as it comes; the type check's and the lint's are printed when each ends.
 * Exits with the first non-zero status of the three (all three always run to their end), after a summary line
 * per step with its wall time.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import process from 'node:process';
import { performance } from 'node:perf_hooks';

const STEPS = [
  { name: 'typecheck', script: 'typecheck', streamed: false },
  { name: 'lint', script: 'lint', streamed: false },
  { name: 'tests', script: 'test', streamed: true },
];

function runStep(step) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', step.script], {
      stdio: step.streamed ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    const chunks = [];
    child.stdout?.on('data', (chunk) => chunks.push(chunk));
    child.stderr?.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${step.name}: could not start npm: ${error.message}\n`));
    });
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      const status = code ?? (signal === null ? 1 : 128);
      if (!step.streamed) {
        const output = Buffer.concat(chunks).toString('utf8').trimEnd();
        process.stdout.write(`\n── ${step.name} (${status === 0 ? 'ok' : `failed, exit ${status}`}) ──\n`);
        if (output !== '') process.stdout.write(`${output}\n`);
      }
      resolve({ name: step.name, status, seconds });
    });
  });
}

const results = await Promise.all(STEPS.map(runStep));
process.stdout.write('\n');
for (const { name, status, seconds } of results) {
  process.stdout.write(
    `check: ${name.padEnd(9)} ${status === 0 ? 'ok    ' : 'FAILED'} ${seconds.toFixed(1)} s\n`,
  );
}
process.exitCode = results.find((result) => result.status !== 0)?.status ?? 0;
