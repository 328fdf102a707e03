#!/usr/bin/env node
// Thin launcher: the CLI is built by `npm run build` (which `npm ci` runs via `prepare`): tsc writes dist/, and
// scripts/bundle-cli.mjs bundles its CLI into dist/cli-bundle/, which loads faster than dist/'s ~700 modules.
import { runCli } from '../dist/cli-bundle/steward.js';

process.exitCode = await runCli(process.argv);
