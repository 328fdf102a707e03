#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs via `prepare`).
import { runCli } from '../dist/cli/index.js';

process.exitCode = await runCli(process.argv);
