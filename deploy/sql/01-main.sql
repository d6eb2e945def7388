-- Orleans.Tuning schema, part 1 of 5: the query catalogue.
--
-- The Orleans ADO.NET providers (clustering, persistence, reminders; Orleans 10.4.2 with Npgsql)
-- read every statement they run from this table at start-up, by key, and refuse to start when a
-- key they require is missing. Parts 2-4 fill it.
--
-- Target: PostgreSQL 15. Idempotent: safe to apply any number of times (scripts/postgres.sh apply).
-- Identifiers are unquoted, so PostgreSQL folds them to lower case; the providers look columns up
-- case-insensitively, which is what makes that work.

-- Serialises concurrent applications of this file (the lock is held until the transaction ends
-- when the file runs inside one, as `scripts/postgres.sh apply` does).
DO $$ BEGIN PERFORM pg_advisory_xact_lock(7406211501); END $$;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
