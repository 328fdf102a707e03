import { existsSync } from 'node:fs';
import { readProcessEnvironment } from '../src/config.js';

const environment = readProcessEnvironment();

/** Debian's Chromium, driven by playwright-core in the browser tests (no bundled browser download). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless and quiet: no sandbox (containers), no GPU, and none of the browser's own network traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** CI installs Chromium (`.ci/run`), so there a missing browser is a failure, not a skip. */
export const CHROMIUM_REQUIRED = environment['CI'] !== undefined && environment['CI'] !== '';

export type ChromiumAvailability =
  { kind: 'available'; executablePath: string } | { kind: 'missing'; required: boolean; reason: string };

export function findChromium(): ChromiumAvailability {
  if (existsSync(CHROMIUM_PATH)) return { kind: 'available', executablePath: CHROMIUM_PATH };
  return {
    kind: 'missing',
    required: CHROMIUM_REQUIRED,
    reason: `${CHROMIUM_PATH} not found (install Debian's chromium package: apt-get install chromium)`,
  };
}
