import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
/** The team's shared folder sits beside the repository (../shared); tests read data from there, never copies. */
export const SHARED_DIR = fileURLToPath(new URL('../../shared/', import.meta.url));
export const V1_TEST_CSV = `${SHARED_DIR}data/medcalc-bench-v1.0/test_data.csv`;
export const CONFORMANCE_JSONL = `${SHARED_DIR}data/scoring-conformance/medcalc-v1.0-edge-cases.jsonl`;
export function requireSharedFile(path) {
    if (!existsSync(path))
        throw new Error(`shared data missing: ${path} (the repository expects ../shared beside it)`);
    return path;
}
//# sourceMappingURL=shared-data.js.map