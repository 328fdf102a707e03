/** The team's shared folder sits beside the repository (../shared); tests read data from there, never copies. */
export declare const SHARED_DIR: string;
export declare const V1_TEST_CSV: string;
export declare const CONFORMANCE_JSONL: string;
export declare function requireSharedFile(path: string): string;
