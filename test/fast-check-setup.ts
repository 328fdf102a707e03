import fc from 'fast-check';
import { readProcessEnvironment } from '../src/config.js';

/**
 * Property tests run with a fixed seed, so a run of the suite is reproducible and CI never fails at random;
 * `FAST_CHECK_SEED=<n>` explores other cases (a failure prints its seed and path to replay it).
 */
const environment = readProcessEnvironment();
const seed = Number(environment['FAST_CHECK_SEED'] ?? 20_261_203);
fc.configureGlobal({ seed: Number.isFinite(seed) ? seed : 20_261_203 });
