-- Orleans.Tuning schema, part 5 of 5: the application's own tables.
--
-- study_events: a study's durable history. Each write appends one row holding the events since the
-- previous write (seq = the first event's number, count = how many), so a write costs what changed,
-- never the study's whole history; rows are never rewritten. Payloads are Orleans-serialized event lists.
-- study_engine_snapshots: the study engine's state after the first next_seq events (one row per study,
-- replaced by later ones), so an activation restores it and replays only the rows after it.
-- studies / trials / trial_rounds: a queryable projection of the same facts for `tune export`, plots,
-- a dashboard or plain SQL, written by the study a second or so behind its log. trial_rounds is keyed by
-- seq (the round's place among every round the trial reported), since a rolled-back round and its redo
-- share a round number. No foreign keys: projections are upserts that may land in any order.
--
-- Target: PostgreSQL 15. Idempotent.

DO $$ BEGIN PERFORM pg_advisory_xact_lock(7406211505); END $$;

CREATE TABLE IF NOT EXISTS study_events
(
    study_id   text        NOT NULL,
    seq        bigint      NOT NULL CHECK (seq >= 0),
    count      integer     NOT NULL CHECK (count > 0),
    payload    bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),

    PRIMARY KEY (study_id, seq)
);

CREATE TABLE IF NOT EXISTS study_engine_snapshots
(
    study_id   text        NOT NULL PRIMARY KEY,
    next_seq   bigint      NOT NULL CHECK (next_seq >= 0),
    engine     bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS studies
(
    study_id        text             NOT NULL PRIMARY KEY,
    name            text             NOT NULL,
    spec            text             NOT NULL,   -- the normalized spec (JSON) the study runs
    phase           text             NOT NULL,   -- running | completed | cancelled | failed
    strategy        text             NOT NULL,
    strategy_reason text             NOT NULL,
    started_at      timestamptz      NOT NULL,
    finished_at     timestamptz      NULL,
    message         text             NULL,       -- why it finished; for a failed study, the first trial's failure
    trials_launched integer          NOT NULL,
    epochs_used     integer          NOT NULL,
    best_trial      integer          NULL,
    best_score      double precision NULL,
    status          bytea            NOT NULL,   -- the last status, Orleans-serialized, for `tune export`
    summary         bytea            NULL,       -- ranking, regions and failures, Orleans-serialized
    updated_at      timestamptz      NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS ix_studies_phase ON studies (phase);

CREATE TABLE IF NOT EXISTS trials
(
    study_id        text             NOT NULL,
    trial           integer          NOT NULL,
    kind            text             NOT NULL,   -- trial | retest of N
    retest_of       integer          NULL,
    generation      integer          NOT NULL,
    hyperparameters json             NOT NULL,   -- json, not jsonb: it keeps the search space's order
    state           text             NOT NULL,   -- running | waiting | stopped | diverged | failed
    failure         text             NULL,
    last_score      double precision NULL,
    rounds          integer          NOT NULL,

    PRIMARY KEY (study_id, trial)
);

CREATE TABLE IF NOT EXISTS trial_rounds
(
    study_id            text             NOT NULL,
    trial               integer          NOT NULL,
    seq                 integer          NOT NULL,
    round               integer          NOT NULL,
    kind                text             NOT NULL,
    retest_of           integer          NULL,
    generation          integer          NOT NULL,
    epochs              integer          NOT NULL,
    train_loss          double precision NOT NULL,
    validation_loss     double precision NOT NULL,
    validation_accuracy double precision NOT NULL,
    learning_rate       double precision NOT NULL,
    score               double precision NOT NULL,
    decision            text             NOT NULL,
    failure             text             NULL,
    hyperparameters     json             NOT NULL,
    written_at          timestamptz      NOT NULL DEFAULT now(),

    PRIMARY KEY (study_id, trial, seq)
);
