import { RULE_SET_IDS } from '../answers/types.js';
import { EVAL_PROMPT_IDS } from '../eval/prompts/types.js';
import type { StrataScheme } from '../triage/sample.js';
import type { Role } from '../contracts/review-api.js';
import type { RlFormat } from '../rl/export-plan.js';
import type { RewardMode } from '../rl/reward-types.js';
import {
  connectCommand,
  defineCommand,
  describeOptionalArgument,
  describeChoice,
  describeFlag,
  describeRepeatable,
  describeRequiredArgument,
  describeRequiredText,
  describeRequiredWholeNumber,
  describeText,
  describeWholeNumber,
  type CommandEntry,
  type OptionSpec,
} from './define-command.js';

const STRATA_SCHEMES = ['status', 'status-calculator'] as const satisfies readonly StrataScheme[];

/** Commands that only group others (`steward dataset …`); a word listed here and in a path is a group. */
export const COMMAND_GROUPS: Readonly<Record<string, string>> = {
  dataset: 'Load and validate benchmark datasets.',
  calc: 'The 55 MedCalc-Bench calculators.',
  triage: 'Work with the triage of the latest audit.',
  llm: 'Model calls: usage and batch files.',
  batch: 'Batch files (OpenAI Batch, Anthropic Message Batches) for large audits.',
  user: 'Accounts of the physician review app (`steward serve`).',
  review: 'Physician review: batches, agreement figures and outcomes (the app: `steward serve`).',
  eval: 'Evaluate models: run them over a dataset, compare accuracy under label versions.',
  release: 'Versioned dataset releases: plan, publish, diff and verify relabelled files.',
  rl: 'Reinforcement-learning data for verl, OpenRLHF and TRL.',
  reward: 'The reward service RL trainers call.',
  store: 'The embedded database: keep it open for other commands.',
};

const storeOptions = {
  db: describeText('--db <dir>', 'embedded database folder (default ./.steward/db)'),
  dataset: describeText(
    '--dataset <key-or-file>',
    'the dataset file or its stored key (default: the latest audit)',
  ),
};

export const datasetInspectSpec = defineCommand({
  path: ['dataset', 'inspect'],
  description: 'Counts per calculator, category, output type and note type, and every validation problem.',
  arguments: {
    source: describeOptionalArgument(
      '[source]',
      'a CSV/JSONL/Parquet file, or a Hugging Face id such as ncbi/MedCalc-Bench-v1.0[@revision][:split]',
    ),
  },
  options: {
    data: describeText('--data <path>', 'a local dataset file (instead of the positional source)'),
    refresh: describeFlag('--refresh', 'check the hub for a newer copy even when cached'),
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward dataset inspect ../shared/data/medcalc-bench-v1.0/test_data.csv',
    'steward dataset inspect ncbi/MedCalc-Bench-v1.0:test --json',
  ],
});

export const scoreSpec = defineCommand({
  path: ['score'],
  description:
    'Score model responses against a dataset: accuracy overall, per category and per calculator with Wilson 95% CIs.',
  arguments: {},
  options: {
    dataset: describeRequiredText('--dataset <source>', 'dataset file or hub id'),
    responses: describeRequiredText(
      '--responses <file>',
      'JSONL with {"id": ..., "response": "<model text>"} per line; optional "model" and "sample" (0-based) for several',
    ),
    rules: describeChoice('--rules <id>', 'answer rule set', {
      choices: RULE_SET_IDS,
      defaultValue: 'medcalc-v1.0',
    }),
    style: describeChoice(
      '--style <style>',
      "where the answer is: JSON dict, <answer> tags, or auto (default: the rule set's)",
      { choices: ['json', 'tag', 'auto'] },
    ),
    json: describeFlag('--json', 'machine-readable output with per-row results'),
  },
  examples: [
    'steward score --dataset ncbi/MedCalc-Bench-v1.0:test --responses responses.jsonl',
    'steward score --dataset test_data.csv --responses responses.jsonl --rules relative-5pct --json',
  ],
});

export const calcListSpec = defineCommand({
  path: ['calc', 'list'],
  description:
    'Id, name, category, output type, inputs with units, options and reference of every calculator.',
  arguments: {},
  options: { json: describeFlag('--json', 'machine-readable output') },
  examples: ['steward calc list', 'steward calc list --json'],
});

export const calcShowSpec = defineCommand({
  path: ['calc', 'show'],
  description:
    'Everything about one calculator: inputs with units and options, named conventions, references.',
  arguments: {
    calculator: describeRequiredArgument(
      '<calculator>',
      'slug, MedCalc-Bench id, name or short name (bmi, gcs…)',
    ),
  },
  options: { json: describeFlag('--json', 'machine-readable output') },
  examples: ['steward calc show ckd-epi-2021', 'steward calc show gcs --json'],
});

export const calcRunSpec = defineCommand({
  path: ['calc', 'run'],
  description: 'Run one calculator on inputs given as JSON (our input names; see `calc list`).',
  arguments: { calculator: describeRequiredArgument('<calculator>', 'slug, MedCalc-Bench id or name') },
  options: {
    inputs: describeRequiredText(
      '--inputs <json>',
      'e.g. \'{"age": 70, "sex": "female", "creatinine": [1.2, "mg/dL"]}\'',
    ),
    option: describeRepeatable(
      '--option <name=value>',
      'a named convention, repeatable (e.g. --option naegele=calendar)',
    ),
    entities: describeFlag(
      '--entities',
      'the inputs are MedCalc-Bench Relevant Entities keys instead of our input names',
    ),
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward calc run mean-arterial-pressure --inputs \'{"systolic": 120, "diastolic": 80}\'',
    'steward calc run cha2ds2-vasc --entities --inputs \'{"age": [70, "years"], "sex": "Female"}\' --json',
  ],
});

export const recomputeSpec = defineCommand({
  path: ['recompute'],
  description:
    "Apply each row's calculator to its stored Relevant Entities and compare with the original label (medcalc-v1.0 rules).",
  arguments: { source: describeRequiredArgument('<dataset>', 'dataset file or hub id') },
  options: {
    calculator: describeText('--calculator <id>', 'only rows of this calculator (slug, id or name)'),
    json: describeFlag('--json', 'machine-readable output with every row'),
  },
  examples: [
    'steward recompute ../shared/data/medcalc-bench-v1.0/test_data.csv',
    'steward recompute ncbi/MedCalc-Bench-v1.0:test --calculator qtc-bazett --json',
  ],
});

/** Model selection and call limits, shared by `audit` and `llm batch export`. */
const llmOptions = {
  model: describeRepeatable(
    '--model <spec-or-name>',
    'model for the LLM verifiers: <provider>/<model-id> (openai, anthropic, google) or a name from the config file; repeatable or comma-separated',
  ),
  config: describeText(
    '--config <file>',
    'config file naming models, keys, prices and limits (default ./steward.config.json when present)',
  ),
  concurrency: describeWholeNumber(
    '--concurrency <n>',
    'LLM calls in flight per model, and verifications at once (default 8)',
  ),
  rpm: describeWholeNumber('--rpm <n>', 'requests per minute per model (default: no limit)'),
  tpm: describeWholeNumber('--tpm <n>', 'tokens per minute per model (default: no limit)'),
  runs: describeWholeNumber('--runs <max>', "most runs per item in the LLM verifiers' voting (default 5)"),
  supermajority: describeWholeNumber(
    '--supermajority <k>',
    'votes of --runs that settle an item (default 4, or --runs when fewer); e.g. --runs 4 --supermajority 3',
  ),
  voting: describeChoice(
    '--voting <mode>',
    'adaptive: stop once the vote is decided; fixed: always --runs runs',
    { choices: ['adaptive', 'fixed'], defaultValue: 'adaptive' },
  ),
};

export const auditSpec = defineCommand({
  path: ['audit'],
  description:
    'Audit every label of a dataset: run the verifiers, triage each item, store everything, optionally write an HTML report.',
  arguments: { source: describeRequiredArgument('<dataset>', 'dataset file or hub id') },
  options: {
    db: describeText(
      '--db <dir>',
      'embedded database folder (default ./.steward/db; DATABASE_URL selects a PostgreSQL server instead)',
    ),
    verifiers: describeText(
      '--verifiers <names>',
      'comma-separated verifiers to run (default: recompute,entity-check)',
    ),
    policy: describeText(
      '--policy <file>',
      'triage policy JSON (default: the built-in policy, docs/triage-policy.md)',
    ),
    rules: describeChoice('--rules <id>', 'how a computed answer is compared with the label', {
      choices: RULE_SET_IDS,
      defaultValue: 'medcalc-v1.0',
    }),
    report: describeText('--report <file>', 'write a self-contained HTML report'),
    budget: describeWholeNumber(
      '--budget <n>',
      'physician review budget: list the n most consequential contentious items',
    ),
    batchSize: describeWholeNumber('--batch-size <n>', 'items per transaction', { hidden: true }),
    ...llmOptions,
    offline: describeFlag(
      '--offline',
      'replay recorded LLM calls only; the first call not recorded stops the audit (exit 7)',
    ),
    json: describeFlag('--json', 'one object per item plus the summary'),
  },
  examples: [
    'steward audit ../shared/data/medcalc-bench-v1.0/test_data.csv --report audit.html',
    'steward audit ncbi/MedCalc-Bench-v1.0:test --budget 50 --json > audit.json',
    'steward audit test_data.csv --verifiers recompute,entity-check,llm-recompute --model openai/gpt-4o-mini',
    'steward audit test_data.csv --verifiers llm-answer --model fast,local --config steward.config.json --offline',
    'steward audit show 868',
  ],
});

export const llmBatchExportSpec = defineCommand({
  path: ['llm', 'batch', 'export'],
  description:
    'Write the LLM calls an audit still needs as a batch file (nothing sent, no verdict stored); submit it, import the results, then audit.',
  arguments: { source: describeRequiredArgument('<dataset>', 'dataset file or hub id') },
  options: {
    db: describeText(
      '--db <dir>',
      'embedded database folder holding the response cache (default ./.steward/db)',
    ),
    verifiers: describeRequiredText(
      '--verifiers <names>',
      'the verifiers the audit will run (only the LLM ones make calls)',
    ),
    provider: describeChoice('--provider <provider>', 'batch format', {
      choices: ['openai', 'anthropic'],
      defaultValue: 'openai',
    }),
    out: describeRequiredText('--out <file>', 'where to write the batch file'),
    rules: describeChoice('--rules <id>', 'answer rules, as for the audit', {
      choices: RULE_SET_IDS,
      defaultValue: 'medcalc-v1.0',
    }),
    ...llmOptions,
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward llm batch export test_data.csv --verifiers llm-recompute --model openai/gpt-4o-mini --out batch.jsonl',
    'steward llm batch export test_data.csv --verifiers llm-answer --model anthropic/claude-sonnet-4-5 --provider anthropic --out batch.json',
  ],
});

export const auditShowSpec = defineCommand({
  path: ['audit', 'show'],
  description: 'One audited item with all its evidence: note, entities, verdicts, findings, triage, history.',
  arguments: { id: describeRequiredArgument('<id>', 'the item id (Row Number / Unique ID)') },
  options: { ...storeOptions, json: describeFlag('--json', 'machine-readable output') },
  examples: ['steward audit show 868', 'steward audit show 868 --db ./.steward/db --json'],
});

export const triageSampleSpec = defineCommand({
  path: ['triage', 'sample'],
  description:
    'Draw a stratified random validation sample of audited items, to estimate label accuracy with a confidence interval.',
  arguments: {},
  options: {
    n: describeRequiredWholeNumber('--n <n>', 'sample size'),
    seed: describeRequiredText('--seed <seed>', 'random seed (same seed, same sample)'),
    strata: describeChoice('--strata <strata>', 'what the strata are', {
      choices: STRATA_SCHEMES,
      defaultValue: 'status',
    }),
    ...storeOptions,
    out: describeText('--out <file>', 'also write the sample as CSV (id, stratum, weight, …)'),
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward triage sample --n 200 --seed 2024 --out sample.csv',
    'steward triage sample --n 200 --seed 2024 --strata status-calculator --json',
  ],
});

export const triageEstimateSpec = defineCommand({
  path: ['triage', 'estimate'],
  description:
    'Estimate label accuracy with a 95% CI from physician outcomes on a validation sample (stratified estimator).',
  arguments: {},
  options: {
    sample: describeRequiredText('--sample <file>', 'the CSV written by `steward triage sample --out`'),
    outcomes: describeRequiredText(
      '--outcomes <file>',
      'CSV with id,correct (true/false) for every sampled item',
    ),
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: ['steward triage estimate --sample sample.csv --outcomes outcomes.csv'],
});

export const triageQueueSpec = defineCommand({
  path: ['triage', 'queue'],
  description: 'The physician review queue of the latest audit: contentious items, most consequential first.',
  arguments: {},
  options: {
    budget: describeWholeNumber('--budget <n>', 'how many items physicians can review'),
    ...storeOptions,
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: ['steward triage queue --budget 50', 'steward triage queue --dataset test_data.csv --json'],
});

export const llmBatchImportSpec = defineCommand({
  path: ['llm', 'batch', 'import'],
  description:
    'Import a batch result file (OpenAI Batch or Anthropic Message Batches) into the response cache; then audit.',
  arguments: {
    results: describeRequiredArgument('<results-file>', 'the JSONL result file the provider returned'),
  },
  options: {
    provider: describeChoice('--provider <provider>', 'result format (default: detected from the content)', {
      choices: ['openai', 'anthropic'],
    }),
    db: describeText(
      '--db <dir>',
      'embedded database folder holding the response cache (default ./.steward/db)',
    ),
    json: describeFlag('--json', 'machine-readable output with every failed line'),
  },
  examples: [
    'steward llm batch import batch_results.jsonl',
    'steward llm batch import msgbatch_results.jsonl --provider anthropic --json',
  ],
});

export const llmUsageSpec = defineCommand({
  path: ['llm', 'usage'],
  description:
    'What the LLM calls cost: calls, cached calls, tokens, cost and latency per model and verifier, and in total.',
  arguments: {},
  options: {
    db: storeOptions.db,
    dataset: describeText('--dataset <key-or-file>', 'only calls made auditing this dataset (default: all)'),
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: ['steward llm usage', 'steward llm usage --dataset test_data.csv --json'],
});

export const serveSpec = defineCommand({
  path: ['serve'],
  description:
    'Start the physician review app: the API, its OpenAPI document and the web app, on the audit store.',
  arguments: {},
  options: {
    port: describeWholeNumber('--port <n>', 'TCP port (default 8787)'),
    host: describeText(
      '--host <address>',
      'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
    ),
    db: storeOptions.db,
    secureCookies: describeFlag(
      '--secure-cookies',
      'mark the session cookie Secure (when served behind HTTPS)',
    ),
    json: describeFlag('--json', 'print the final status as JSON when the server stops'),
  },
  examples: ['steward serve', 'steward serve --port 9000 --db ./review-db'],
});

export const storeServeSpec = defineCommand({
  path: ['store', 'serve'],
  description:
    'Keep the embedded database open and share it over a Unix socket: other commands on the same --db use it instead of starting the database themselves (faster, less memory), until Ctrl+C or the idle timeout.',
  arguments: {},
  options: {
    db: storeOptions.db,
    idleTimeout: describeWholeNumber(
      '--idle-timeout <seconds>',
      'stop (closing the database cleanly) after this many seconds with no command connected (default: never)',
    ),
    json: describeFlag('--json', 'print the final status as JSON when it stops'),
  },
  examples: ['steward store serve --idle-timeout 600 &', 'steward store serve --db ./review-db'],
});

export const reviewBatchSpec = defineCommand({
  path: ['review', 'batch'],
  description:
    "Build a review batch from the latest audit's needs-physician items (ranked as `triage queue`) or from a sample file.",
  arguments: {},
  options: {
    name: describeText('--name <name>', 'batch name (default: "batch <date>")'),
    budget: describeWholeNumber('--budget <n>', 'at most this many items, the most consequential first'),
    reviewers: describeWholeNumber('--reviewers <k>', 'physicians per item (default 2)'),
    extraRate: describeText(
      '--extra-rate <share>',
      'share of items (0–1) that get one more physician, for agreement figures',
    ),
    leaseHours: describeText(
      '--lease-hours <hours>',
      'an assignment returns to the pool after this long (default 48)',
    ),
    sample: describeText(
      '--sample <file>',
      'a `triage sample --out` CSV: review these items instead of the queue',
    ),
    ...storeOptions,
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward review batch --budget 50',
    'steward review batch --sample sample.csv --reviewers 2 --extra-rate 0.2',
  ],
});

export const reviewStatsSpec = defineCommand({
  path: ['review', 'stats'],
  description:
    'Agreement between physicians (percent agreement, Cohen/Fleiss kappa, Krippendorff alpha, 95% CIs) and of labels and verifiers with the final labels.',
  arguments: {},
  options: {
    db: storeOptions.db,
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: ['steward review stats', 'steward review stats --json'],
});

export const reviewExportSpec = defineCommand({
  path: ['review', 'export'],
  description:
    'Write the outcomes file `triage estimate` reads (id,correct: whether the original label matches the final one) for decided items.',
  arguments: {},
  options: {
    out: describeRequiredText('--out <file>', 'the CSV to write (id,correct)'),
    batch: describeText('--batch <id>', 'only this batch (default: every batch)'),
    sample: describeText(
      '--sample <file>',
      'only the items of this `triage sample` file, so the outcomes feed `triage estimate` as they are',
    ),
    db: storeOptions.db,
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward review export --out outcomes.csv',
    'steward review export --out outcomes.csv --batch <id>',
    'steward review export --out outcomes.csv --sample sample.csv',
  ],
});

// ------------------------------------------------------------------ accounts of the review app (steward user …)

const USER_ROLES = ['physician', 'adjudicator', 'admin'] as const satisfies readonly Role[];

export const userAddSpec = defineCommand({
  path: ['user', 'add'],
  description:
    'Add an account to the review app and print a one-time link (valid 72 hours) to set its password, or read the password from stdin.',
  arguments: { email: describeRequiredArgument('<email>', 'the e-mail address the person signs in with') },
  options: {
    // Mandatory (commander refuses the command without it), so the value is always a role.
    role: {
      ...describeChoice(
        '--role <role>',
        'physician (labels items), adjudicator (decides disagreements) or admin (batches and accounts)',
        { choices: USER_ROLES },
      ),
      required: true,
    } as OptionSpec<Role>,
    passwordStdin: describeFlag(
      '--password-stdin',
      'set the password piped to stdin (one line, at least 12 characters) instead of printing a link',
    ),
    baseUrl: describeText(
      '--base-url <url>',
      'where the review app is reached, for the link (default http://localhost:8787)',
    ),
    db: storeOptions.db,
    json: describeFlag('--json', 'machine-readable output (includes the link)'),
  },
  examples: [
    'steward user add alice@example.org --role physician --base-url https://review.example.org',
    'steward user add admin@example.org --role admin --password-stdin <<< "$ADMIN_PASSWORD"',
  ],
});

export const userListSpec = defineCommand({
  path: ['user', 'list'],
  description:
    'Every account of the review app: e-mail, role, whether disabled, whether a password is set, created.',
  arguments: {},
  options: { db: storeOptions.db, json: describeFlag('--json', 'machine-readable output') },
  examples: ['steward user list', 'steward user list --json'],
});

export const userLinkSpec = defineCommand({
  path: ['user', 'link'],
  description:
    'A new one-time link (valid 72 hours) to set or reset an account’s password, when the first one expired or was lost.',
  arguments: { email: describeRequiredArgument('<email>', 'the account’s e-mail address') },
  options: {
    baseUrl: describeText(
      '--base-url <url>',
      'where the review app is reached, for the link (default http://localhost:8787)',
    ),
    db: storeOptions.db,
    json: describeFlag('--json', 'machine-readable output (includes the link)'),
  },
  examples: ['steward user link alice@example.org --base-url https://review.example.org'],
});

export const userDisableSpec = defineCommand({
  path: ['user', 'disable'],
  description:
    'Disable an account: it can no longer sign in, and its sessions and password links stop working.',
  arguments: { email: describeRequiredArgument('<email>', 'the account’s e-mail address') },
  options: { db: storeOptions.db, json: describeFlag('--json', 'machine-readable output') },
  examples: ['steward user disable alice@example.org'],
});

// ------------------------------------------------------------------ model evaluation (steward eval …)

export const evalRunSpec = defineCommand({
  path: ['eval', 'run'],
  description:
    'Run a model over every item of a dataset (n samples each) through the LLM layer; store the responses and write the JSONL that `score` and `eval compare` read.',
  arguments: {},
  options: {
    model: describeRequiredText(
      '--model <spec-or-name>',
      '<provider>/<model-id> (openai, anthropic, google) or a model named in the config file',
    ),
    dataset: describeRequiredText(
      '--dataset <release-dir-or-file>',
      'a release folder (its test_data.csv), a dataset file or a hub id',
    ),
    prompt: describeChoice('--prompt <id>', 'evaluation prompt (docs/eval.md)', {
      choices: EVAL_PROMPT_IDS,
      defaultValue: 'answer-tags',
    }),
    samples: describeWholeNumber('--samples <n>', 'samples per item (default 1)'),
    concurrency: describeWholeNumber('--concurrency <n>', 'LLM calls in flight (default 8)'),
    config: llmOptions.config,
    offline: describeFlag(
      '--offline',
      'replay recorded calls only; the first call not recorded stops the run (exit 7)',
    ),
    db: storeOptions.db,
    out: describeText('--out <file>', 'responses JSONL to write (default responses-<model>-<prompt>.jsonl)'),
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward eval run --model openai/gpt-4o-mini --dataset releases/v1.1 --samples 3 --out gpt4o-mini.jsonl',
    'steward eval run --model local --config steward.config.json --dataset test_data.csv --prompt medcalc-zero-shot --offline',
  ],
});

export const evalCompareSpec = defineCommand({
  path: ['eval', 'compare'],
  description:
    'Accuracy of each model under each label version (Wilson 95% CIs), paired differences with a bootstrap 95% CI, ranking changes; per calculator and category; a table, JSON, and a chart (SVG, HTML).',
  arguments: {},
  options: {
    responses: describeRepeatable(
      '--responses <file>',
      'responses JSONL ({id, model?, sample?, response}); repeatable or comma-separated',
    ),
    labels: describeRequiredText(
      '--labels <versions>',
      'comma-separated label versions, the reference (original) first: release folders, dataset files or hub ids',
    ),
    rules: describeChoice('--rules <id>', 'answer rule set', {
      choices: RULE_SET_IDS,
      defaultValue: 'relative-5pct',
    }),
    style: describeChoice(
      '--style <style>',
      "where the answer is: JSON dict, <answer> tags, or auto (default: the rule set's)",
      { choices: ['json', 'tag', 'auto'] },
    ),
    seed: describeText('--seed <seed>', 'bootstrap seed (same seed, same intervals; default steward-eval)'),
    resamples: describeWholeNumber('--resamples <n>', 'bootstrap resamples (default 2000)'),
    out: describeText(
      '--out <dir>',
      'folder for compare.json, accuracy.svg, accuracy.html (default ./eval-compare)',
    ),
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward eval compare --responses gpt.jsonl,claude.jsonl --labels test_data.csv,releases/v1.1',
    'steward eval compare --responses all.jsonl --labels ../shared/data/medcalc-bench-v1.0/test_data.csv,releases/v1.1 --seed 7 --json',
  ],
});

// ------------------------------------------------------------------ versioned releases (steward release …)

const releaseSourceOptions = {
  from: describeText(
    '--from <release-dir>',
    'the previous release: Label Version and the changelog carry on from it',
  ),
  policy: describeText('--policy <file>', 'release policy JSON (default: docs/releases.md § Policy)'),
  ...storeOptions,
};

export const releasePlanSpec = defineCommand({
  path: ['release', 'plan'],
  description:
    'What a release would contain, without writing anything: every changed label and why, counts per status and calculator, the changelog.',
  arguments: { version: describeRequiredArgument('<version>', 'the semantic version, e.g. 1.1.0') },
  options: {
    ...releaseSourceOptions,
    json: describeFlag('--json', 'machine-readable output with every row'),
  },
  examples: ['steward release plan 1.1.0', 'steward release plan 1.2.0 --from releases/1.1.0 --json'],
});

export const releasePublishSpec = defineCommand({
  path: ['release', 'publish'],
  description:
    'Write a release folder atomically (drop-in test_data.csv, JSONL, Parquet, changelog, changes, dataset card, manifest) and record the version.',
  arguments: {
    version: describeRequiredArgument('<version>', 'the semantic version, e.g. 1.1.0; never reused'),
  },
  options: {
    out: describeRequiredText('--out <dir>', 'the release folder (must not exist, or be empty)'),
    ...releaseSourceOptions,
    json: describeFlag('--json', 'machine-readable output (the manifest)'),
  },
  examples: [
    'steward release publish 1.1.0 --out releases/1.1.0',
    'steward release publish 1.2.0 --out releases/1.2.0 --from releases/1.1.0 --policy release-policy.json',
  ],
});

export const releaseDiffSpec = defineCommand({
  path: ['release', 'diff'],
  description:
    'Changed labels and status changes between two releases, or between the source labels (v1.0) and a release.',
  arguments: {
    from: describeRequiredArgument('<a>', 'a release folder, or v1.0 (the source labels)'),
    to: describeRequiredArgument('<b>', 'a release folder, or v1.0'),
  },
  options: {
    v1: describeText(
      '--v1 <csv>',
      'the v1.0 CSV that v1.0 means (default: the file the release was built from, if unchanged)',
    ),
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward release diff releases/1.1.0 releases/1.2.0',
    'steward release diff v1.0 releases/1.1.0 --v1 test_data.csv --json',
  ],
});

export const releaseVerifySpec = defineCommand({
  path: ['release', 'verify'],
  description:
    "Check every file of a release folder against its manifest's sha256; exit 1 naming any that differ.",
  arguments: { dir: describeRequiredArgument('<dir>', 'the release folder') },
  options: { json: describeFlag('--json', 'machine-readable output') },
  examples: ['steward release verify releases/1.1.0', 'steward release verify releases/1.1.0 --json'],
});

// ------------------------------------------------------------------ RL exports and the reward service (steward rl …, steward reward …)

const RL_FORMAT_CHOICES = ['verl', 'openrlhf', 'trl'] as const satisfies readonly RlFormat[];
const REWARD_MODE_CHOICES = ['abstention-aware', 'paper-compatible'] as const satisfies readonly RewardMode[];

export const rlExportSpec = defineCommand({
  path: ['rl', 'export'],
  description:
    'Write a release or dataset as RL training data (Parquet + JSONL: prompt, reward_model, extra_info, label) for verl, OpenRLHF or TRL; withheld items are left out.',
  arguments: {},
  options: {
    release: describeText('--release <dir>', 'a release folder (train_data.jsonl and/or test_data.jsonl)'),
    dataset: describeRepeatable(
      '--dataset <[split=]file>',
      'a dataset file instead of a release, repeatable (train=a.csv test=b.csv; default split from the file name)',
    ),
    format: describeChoice('--format <engine>', 'the trainer the files are for', {
      choices: RL_FORMAT_CHOICES,
      defaultValue: 'verl',
    }),
    out: describeRequiredText('--out <dir>', 'folder for <split>.parquet, <split>.jsonl and rl-export.json'),
    systemPrompt: describeText('--system-prompt <file>', 'system prompt text (default: docs/rl.md)'),
    split: describeFlag('--split', 'one file per split (train, test) instead of one all.parquet'),
    dropLeaks: describeFlag('--drop-leaks', 'drop train rows whose patient note also appears in test'),
    labelVersion: describeText(
      '--label-version <version>',
      'label version for files without a Label Version column (default unversioned)',
    ),
    json: describeFlag('--json', 'machine-readable output'),
  },
  examples: [
    'steward rl export --release releases/1.1.0 --format verl --out rl/ --split --drop-leaks',
    'steward rl export --dataset train=train.csv --dataset test=test_data.csv --format openrlhf --out rl/ --label-version 1.0',
  ],
});

export const rewardServeSpec = defineCommand({
  path: ['reward', 'serve'],
  description:
    'Serve rewards over HTTP: POST /openrlhf (OpenRLHF remote reward), POST /score (batch, used by the verl shim), GET /healthz.',
  arguments: {},
  options: {
    port: describeWholeNumber('--port <port>', 'TCP port (default 8788; 0 picks a free one)'),
    host: describeText('--host <host>', 'address to listen on (default 127.0.0.1)'),
    mode: describeChoice('--mode <mode>', 'the reward (docs/rl.md)', {
      choices: REWARD_MODE_CHOICES,
      defaultValue: 'abstention-aware',
    }),
    rules: describeChoice('--rules <id>', 'answer rules for correctness in abstention-aware mode', {
      choices: RULE_SET_IDS,
      defaultValue: 'relative-5pct',
    }),
    weights: describeText(
      '--weights <json>',
      'abstention-aware weights, e.g. \'{"abstainedOnComputable": 0.3}\' (docs/rl.md)',
    ),
    maxBodyMb: describeWholeNumber('--max-body-mb <n>', 'largest request body in MB (default 64)'),
    json: describeFlag('--json', 'machine-readable output when it stops'),
  },
  examples: [
    'steward reward serve --port 8788 --mode abstention-aware',
    'steward reward serve --mode paper-compatible --host 0.0.0.0',
  ],
});

/**
 * Every command, in help order. Each action imports its module only when that command runs, so starting the
 * CLI loads nothing else and has no side effects.
 */
export const COMMAND_TABLE: readonly CommandEntry[] = [
  connectCommand(datasetInspectSpec, async (values, io) => {
    const { inspectDatasetCommand } = await import('./commands/dataset-inspect.js');
    return inspectDatasetCommand({
      source: values.data ?? values.source,
      refresh: values.refresh === true,
      io,
    });
  }),
  connectCommand(scoreSpec, async (values, io) => {
    const { scoreCommand } = await import('./commands/score.js');
    return scoreCommand({ ...values, io });
  }),
  connectCommand(calcListSpec, async () => {
    const { listCalculatorsCommand } = await import('./commands/calc-list.js');
    return listCalculatorsCommand();
  }),
  connectCommand(calcShowSpec, async (values) => {
    const { showCalculatorCommand } = await import('./commands/calc-show.js');
    return showCalculatorCommand({ calculator: values.calculator });
  }),
  connectCommand(calcRunSpec, async (values) => {
    const { runCalculatorCommand } = await import('./commands/calc-run.js');
    return runCalculatorCommand({
      calculator: values.calculator,
      inputs: values.inputs,
      options: values.option,
      entities: values.entities === true,
    });
  }),
  connectCommand(recomputeSpec, async (values, io) => {
    const { recomputeCommand } = await import('./commands/recompute.js');
    return recomputeCommand({ ...values, io });
  }),
  connectCommand(auditSpec, async (values, io) => {
    const { auditCommand } = await import('./commands/audit.js');
    return auditCommand({ ...values, io });
  }),
  connectCommand(llmBatchExportSpec, async (values, io) => {
    const { llmBatchExportCommand } = await import('./commands/llm-batch-export.js');
    return llmBatchExportCommand({ ...values, io });
  }),
  connectCommand(auditShowSpec, async (values, io) => {
    const { auditShowCommand } = await import('./commands/audit-show.js');
    return auditShowCommand({ ...values, io });
  }),
  connectCommand(triageSampleSpec, async (values, io) => {
    const { triageSampleCommand } = await import('./commands/triage-sample.js');
    return triageSampleCommand({ ...values, io });
  }),
  connectCommand(triageEstimateSpec, async (values, io) => {
    const { triageEstimateCommand } = await import('./commands/triage-estimate.js');
    return triageEstimateCommand({ ...values, io });
  }),
  connectCommand(triageQueueSpec, async (values, io) => {
    const { triageQueueCommand } = await import('./commands/triage-queue.js');
    return triageQueueCommand({ ...values, io });
  }),
  connectCommand(llmBatchImportSpec, async (values, io) => {
    const { llmBatchImportCommand } = await import('./commands/llm-batch-import.js');
    return llmBatchImportCommand({ ...values, io });
  }),
  connectCommand(llmUsageSpec, async (values, io) => {
    const { llmUsageCommand } = await import('./commands/llm-usage.js');
    return llmUsageCommand({ ...values, io });
  }),
  connectCommand(serveSpec, async (values, io) => {
    const { serveCommand } = await import('./commands/serve.js');
    return serveCommand({ ...values, io });
  }),
  connectCommand(storeServeSpec, async (values, io) => {
    const { storeServeCommand } = await import('./commands/store-serve.js');
    return storeServeCommand({ ...values, io });
  }),
  connectCommand(reviewBatchSpec, async (values, io) => {
    const { reviewBatchCommand } = await import('./commands/review-batch.js');
    return reviewBatchCommand({ ...values, io });
  }),
  connectCommand(reviewStatsSpec, async (values, io) => {
    const { reviewStatsCommand } = await import('./commands/review-stats.js');
    return reviewStatsCommand({ ...values, io });
  }),
  connectCommand(reviewExportSpec, async (values, io) => {
    const { reviewExportCommand } = await import('./commands/review-export.js');
    return reviewExportCommand({ ...values, io });
  }),
  connectCommand(userAddSpec, async (values, io) => {
    const { userAddCommand } = await import('./commands/user-add.js');
    return userAddCommand({ ...values, io });
  }),
  connectCommand(userListSpec, async (values, io) => {
    const { userListCommand } = await import('./commands/user-list.js');
    return userListCommand({ ...values, io });
  }),
  connectCommand(userLinkSpec, async (values, io) => {
    const { userLinkCommand } = await import('./commands/user-link.js');
    return userLinkCommand({ ...values, io });
  }),
  connectCommand(userDisableSpec, async (values, io) => {
    const { userDisableCommand } = await import('./commands/user-disable.js');
    return userDisableCommand({ ...values, io });
  }),
  connectCommand(evalRunSpec, async (values, io) => {
    const { evalRunCommand } = await import('./commands/eval-run.js');
    return evalRunCommand({ ...values, io });
  }),
  connectCommand(evalCompareSpec, async (values, io) => {
    const { evalCompareCommand } = await import('./commands/eval-compare.js');
    return evalCompareCommand({ ...values, io });
  }),
  connectCommand(releasePlanSpec, async (values, io) => {
    const { releasePlanCommand } = await import('./commands/release-plan.js');
    return releasePlanCommand({ ...values, io });
  }),
  connectCommand(releasePublishSpec, async (values, io) => {
    const { releasePublishCommand } = await import('./commands/release-publish.js');
    return releasePublishCommand({ ...values, io });
  }),
  connectCommand(releaseDiffSpec, async (values, io) => {
    const { releaseDiffCommand } = await import('./commands/release-diff.js');
    return releaseDiffCommand({ ...values, io });
  }),
  connectCommand(releaseVerifySpec, async (values, io) => {
    const { releaseVerifyCommand } = await import('./commands/release-verify.js');
    return releaseVerifyCommand({ ...values, io });
  }),
  connectCommand(rlExportSpec, async (values, io) => {
    const { rlExportCommand } = await import('./commands/rl-export.js');
    return rlExportCommand({ ...values, io });
  }),
  connectCommand(rewardServeSpec, async (values, io) => {
    const { rewardServeCommand } = await import('./commands/reward-serve.js');
    return rewardServeCommand({ ...values, io });
  }),
];
