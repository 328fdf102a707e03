import { runCli } from './index.js';

// Entry point for `npm run dev` (tsx); the published bin imports runCli from dist/ directly.
process.exitCode = await runCli(process.argv);
