/**
 * Versioned schema migrations, applied in order inside one transaction each. Never edit a published migration:
 * add a new one. `schema.ts` mirrors the resulting tables for typed queries.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit store: datasets, instances, audit runs, verdicts, triage decisions, append-only events',
    statements: [
      `CREATE TABLE datasets (
        id text PRIMARY KEY,
        source text NOT NULL,
        provenance jsonb,
        format text NOT NULL,
        layout text NOT NULL,
        row_count integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE instances (
        dataset_id text NOT NULL REFERENCES datasets(id),
        item_id text NOT NULL,
        "row" integer NOT NULL,
        calculator_id integer,
        calculator_slug text,
        calculator_name text NOT NULL,
        category text,
        output_type text,
        note_id text,
        note_type text,
        note text NOT NULL,
        question text NOT NULL,
        entities jsonb,
        entities_text text,
        label text NOT NULL,
        lower_limit text,
        upper_limit text,
        explanation text,
        content_hash text NOT NULL,
        PRIMARY KEY (dataset_id, item_id)
      )`,
      `CREATE TABLE audit_runs (
        id text PRIMARY KEY,
        dataset_id text NOT NULL REFERENCES datasets(id),
        run_key text NOT NULL UNIQUE,
        verifiers jsonb NOT NULL,
        rule_set text NOT NULL,
        policy_name text NOT NULL,
        policy_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'completed')),
        started_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`,
      `CREATE TABLE verdicts (
        dataset_id text NOT NULL,
        item_id text NOT NULL,
        verifier text NOT NULL,
        verifier_version text NOT NULL,
        rule_set text NOT NULL,
        run_id text NOT NULL REFERENCES audit_runs(id),
        assessment text NOT NULL CHECK (assessment IN ('supports', 'disputes', 'not-computable', 'abstains')),
        proposed_label text,
        categories jsonb NOT NULL,
        confidence double precision NOT NULL,
        findings jsonb NOT NULL,
        details jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dataset_id, item_id, verifier, verifier_version, rule_set),
        FOREIGN KEY (dataset_id, item_id) REFERENCES instances(dataset_id, item_id)
      )`,
      `CREATE TABLE triage_decisions (
        dataset_id text NOT NULL,
        item_id text NOT NULL,
        policy_hash text NOT NULL,
        run_id text NOT NULL REFERENCES audit_runs(id),
        status text NOT NULL CHECK (status IN ('confirmed', 'relabel-proposed', 'needs-physician', 'not-computable')),
        proposed_label text,
        reasons jsonb NOT NULL,
        categories jsonb NOT NULL,
        impact double precision NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, item_id),
        FOREIGN KEY (dataset_id, item_id) REFERENCES instances(dataset_id, item_id)
      )`,
      `CREATE INDEX triage_decisions_item ON triage_decisions (dataset_id, item_id)`,
      `CREATE TABLE events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL,
        actor text NOT NULL,
        dataset_id text,
        item_id text,
        run_id text,
        payload jsonb NOT NULL
      )`,
      `CREATE INDEX events_item ON events (dataset_id, item_id)`,
      `CREATE FUNCTION steward_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the event log is append-only: % on events is not allowed', TG_OP;
      END
      $$`,
      `CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION steward_events_append_only()`,
      `CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION steward_events_append_only()`,
    ],
  },
  {
    version: 2,
    name: 'verdict identity: full-row instance hash, rule-set version and verifier config hash in the verdict key, verdict usage',
    statements: [
      // Items stored before this have no hash; their datasets keep their old keys.
      `ALTER TABLE instances ADD COLUMN instance_hash text NOT NULL DEFAULT ''`,
      `ALTER TABLE instances ALTER COLUMN instance_hash DROP DEFAULT`,
      // Runs and verdicts stored before this get an empty version and hash: they never match a current key, so
      // their items are judged again (an older verdict is never reused as if it were of the current identity).
      `ALTER TABLE audit_runs ADD COLUMN rule_set_version text NOT NULL DEFAULT ''`,
      `ALTER TABLE audit_runs ALTER COLUMN rule_set_version DROP DEFAULT`,
      `ALTER TABLE verdicts ADD COLUMN rule_set_version text NOT NULL DEFAULT ''`,
      `ALTER TABLE verdicts ALTER COLUMN rule_set_version DROP DEFAULT`,
      `ALTER TABLE verdicts ADD COLUMN verifier_config_hash text NOT NULL DEFAULT ''`,
      `ALTER TABLE verdicts ALTER COLUMN verifier_config_hash DROP DEFAULT`,
      `ALTER TABLE verdicts ADD COLUMN usage jsonb`,
      `ALTER TABLE verdicts DROP CONSTRAINT verdicts_pkey`,
      `ALTER TABLE verdicts ADD PRIMARY KEY
        (dataset_id, item_id, verifier, verifier_version, verifier_config_hash, rule_set, rule_set_version)`,
    ],
  },
  {
    version: 3,
    name: 'LLM calls: the response cache (llm_calls) and the append-only usage ledger (llm_usage)',
    statements: [
      // One recorded response per cache key (`computeCacheKey`); the first write wins. The call's metadata is
      // null for entries imported from a batch result file, which carries only the key.
      `CREATE TABLE llm_calls (
        key text PRIMARY KEY,
        model text,
        prompt_id text,
        prompt_version text,
        run_index integer,
        item_id text,
        verifier text,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE llm_usage (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        model text NOT NULL,
        prompt_id text NOT NULL,
        prompt_version text NOT NULL,
        verifier text NOT NULL,
        item_id text NOT NULL,
        run_index integer NOT NULL,
        input_tokens integer,
        output_tokens integer,
        cost_usd double precision,
        latency_ms double precision NOT NULL,
        cached boolean NOT NULL,
        attempts integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'abstain')),
        dataset_id text,
        run_id text
      )`,
      `CREATE INDEX llm_usage_dataset ON llm_usage (dataset_id, run_id)`,
      `CREATE FUNCTION steward_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
      END
      $$`,
      `CREATE TRIGGER llm_usage_no_update_delete BEFORE UPDATE OR DELETE ON llm_usage
        FOR EACH ROW EXECUTE FUNCTION steward_append_only()`,
      `CREATE TRIGGER llm_usage_no_truncate BEFORE TRUNCATE ON llm_usage
        FOR EACH STATEMENT EXECUTE FUNCTION steward_append_only()`,
    ],
  },
  {
    version: 4,
    name: 'triage status extraction-unverified: the arithmetic agrees but the inputs are not verified against the note',
    statements: [
      `ALTER TABLE triage_decisions DROP CONSTRAINT triage_decisions_status_check`,
      `ALTER TABLE triage_decisions ADD CONSTRAINT triage_decisions_status_check
        CHECK (status IN ('confirmed', 'extraction-unverified', 'relabel-proposed', 'needs-physician', 'not-computable'))`,
    ],
  },
  {
    version: 5,
    name: 'LLM batch requests: what each exported batch request is for, so imported results are accounted in the usage ledger',
    statements: [
      // One row per exported cache key; a re-export keeps the first (ON CONFLICT DO NOTHING). The prices are the
      // batch prices per million tokens resolved from the config at export (null: the model had no price).
      `CREATE TABLE llm_batch_requests (
        key text PRIMARY KEY,
        model text NOT NULL,
        prompt_id text NOT NULL,
        prompt_version text NOT NULL,
        verifier text NOT NULL,
        item_id text NOT NULL,
        run_index integer NOT NULL,
        provider text NOT NULL,
        dataset_id text,
        input_usd_per_million double precision,
        output_usd_per_million double precision,
        exported_at timestamptz NOT NULL
      )`,
      // Rows written before this were all live calls.
      `ALTER TABLE llm_usage ADD COLUMN via text NOT NULL DEFAULT 'live' CHECK (via IN ('live', 'batch'))`,
    ],
  },
  {
    version: 6,
    name: 'physician review: accounts, sessions, review batches, items, assignments, labels and adjudications',
    statements: [
      `CREATE TABLE users (
        id text PRIMARY KEY,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('physician', 'adjudicator', 'admin')),
        password_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`,
      // One-time links for setting a password: only the sha256 of the token is stored.
      `CREATE TABLE user_tokens (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        purpose text NOT NULL CHECK (purpose IN ('set-password')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      // Sessions: only the sha256 of the cookie's token is stored; the CSRF token is per session.
      `CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE TABLE review_batches (
        id text PRIMARY KEY,
        name text NOT NULL,
        dataset_id text NOT NULL REFERENCES datasets(id),
        run_id text REFERENCES audit_runs(id),
        source text NOT NULL CHECK (source IN ('queue', 'sample')),
        rule_set text NOT NULL,
        reviewers_per_item integer NOT NULL CHECK (reviewers_per_item >= 1),
        extra_reviewer_rate double precision NOT NULL CHECK (extra_reviewer_rate >= 0 AND extra_reviewer_rate <= 1),
        lease_minutes integer NOT NULL CHECK (lease_minutes >= 1),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE review_items (
        batch_id text NOT NULL REFERENCES review_batches(id),
        item_id text NOT NULL,
        dataset_id text NOT NULL,
        rank integer NOT NULL,
        required_reviewers integer NOT NULL CHECK (required_reviewers >= 1),
        triage_status text,
        impact double precision,
        stratum text,
        weight double precision,
        status text NOT NULL CHECK (status IN ('open', 'escalated', 'resolved')),
        final_outcome text CHECK (final_outcome IN ('answer', 'not-computable')),
        final_label text,
        provenance jsonb,
        decided_at timestamptz,
        PRIMARY KEY (batch_id, item_id),
        FOREIGN KEY (dataset_id, item_id) REFERENCES instances(dataset_id, item_id)
      )`,
      `CREATE INDEX review_items_status ON review_items (status, batch_id, rank)`,
      `CREATE TABLE review_assignments (
        id text PRIMARY KEY,
        batch_id text NOT NULL,
        item_id text NOT NULL,
        user_id text NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN ('active', 'submitted', 'returned', 'expired')),
        assigned_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        finished_at timestamptz,
        FOREIGN KEY (batch_id, item_id) REFERENCES review_items(batch_id, item_id)
      )`,
      // A reviewer holds at most one live (active or submitted) assignment per item.
      `CREATE UNIQUE INDEX review_assignments_live ON review_assignments (batch_id, item_id, user_id)
        WHERE status IN ('active', 'submitted')`,
      `CREATE INDEX review_assignments_user ON review_assignments (user_id, status)`,
      `CREATE TABLE review_labels (
        assignment_id text PRIMARY KEY REFERENCES review_assignments(id),
        batch_id text NOT NULL,
        item_id text NOT NULL,
        user_id text NOT NULL REFERENCES users(id),
        mode text NOT NULL CHECK (mode IN ('form', 'direct', 'not-computable')),
        outcome text NOT NULL CHECK (outcome IN ('answer', 'not-computable')),
        answer text,
        inputs jsonb NOT NULL,
        not_computable_reason text,
        comment text,
        minutes double precision,
        measured_minutes double precision,
        second_opinion boolean NOT NULL DEFAULT false,
        submitted_at timestamptz NOT NULL,
        FOREIGN KEY (batch_id, item_id) REFERENCES review_items(batch_id, item_id)
      )`,
      `CREATE INDEX review_labels_item ON review_labels (batch_id, item_id)`,
      // Every adjudication is kept (a reopened item can be decided again); the latest one is in force.
      `CREATE TABLE review_adjudications (
        id text PRIMARY KEY,
        batch_id text NOT NULL,
        item_id text NOT NULL,
        user_id text NOT NULL REFERENCES users(id),
        outcome text NOT NULL CHECK (outcome IN ('answer', 'not-computable')),
        final_label text,
        error_category text,
        rationale text NOT NULL,
        decided_at timestamptz NOT NULL,
        FOREIGN KEY (batch_id, item_id) REFERENCES review_items(batch_id, item_id)
      )`,
      `CREATE TRIGGER review_adjudications_no_update_delete BEFORE UPDATE OR DELETE ON review_adjudications
        FOR EACH ROW EXECUTE FUNCTION steward_append_only()`,
      // A submitted label is final: a reviewer who changes their mind tells the adjudicator in a new action.
      `CREATE TRIGGER review_labels_no_update_delete BEFORE UPDATE OR DELETE ON review_labels
        FOR EACH ROW EXECUTE FUNCTION steward_append_only()`,
    ],
  },
  {
    version: 7,
    name: 'releases: every published dataset release, by version, with its manifest',
    statements: [
      // A version is published once: the primary key refuses a second publish of it.
      `CREATE TABLE releases (
        version text PRIMARY KEY,
        manifest jsonb NOT NULL,
        dir text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 8,
    name: 'evaluation runs: a model over a dataset with a prompt and n samples, and each stored response',
    statements: [
      // One run per (dataset, model, prompt id and version, samples): re-running `steward eval run` resumes it.
      `CREATE TABLE eval_runs (
        id text PRIMARY KEY,
        run_key text NOT NULL UNIQUE,
        dataset_id text NOT NULL REFERENCES datasets(id),
        model text NOT NULL,
        prompt_id text NOT NULL,
        prompt_version text NOT NULL,
        samples integer NOT NULL CHECK (samples >= 1),
        status text NOT NULL CHECK (status IN ('running', 'completed')),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`,
      // The latest reply per item and sample (a re-run replays the cache, so it writes the same text).
      `CREATE TABLE eval_responses (
        run_id text NOT NULL REFERENCES eval_runs(id),
        item_id text NOT NULL,
        sample integer NOT NULL CHECK (sample >= 0),
        outcome text NOT NULL CHECK (outcome IN ('ok', 'abstain')),
        response text,
        error text,
        cached boolean NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, item_id, sample)
      )`,
    ],
  },
];
