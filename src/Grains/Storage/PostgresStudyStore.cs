using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Grains.Storage;

// Inside the namespace: `Orleans.Configuration` would otherwise win the name.
using Configuration = Orleans.Tuning.Model.Search.Configuration;

/// <summary>A study's log and projection in PostgreSQL (the tables of <c>deploy/sql/05-study-tables.sql</c>).</summary>
/// <remarks>
/// Each flush appends one row holding the events since the last one, so a write costs what changed,
/// not the study's history; rows are never rewritten. Now and then the study stores a snapshot of its
/// engine, so an activation reads that and the rows after it. Payloads go through Orleans' serializer,
/// whose [Id]s and [Alias]es survive refactors; the projection is plain columns for SQL.
/// </remarks>
public sealed class PostgresStudyStore(NpgsqlDataSource db, Serializer serializer) : IStudyStore
{
    public async Task<IReadOnlyList<StudyEvent>> ReadEventsAsync(string studyId, long fromSeq = 0)
    {
        await using var connection = await db.OpenConnectionAsync();
        var events = new List<StudyEvent>();
        var next = fromSeq;
        await using var batches = new NpgsqlCommand("SELECT seq, payload FROM study_events WHERE study_id = $1 AND seq + count > $2 ORDER BY seq", connection);
        batches.Parameters.Add(new() { Value = studyId });
        batches.Parameters.Add(new() { Value = fromSeq });
        await using var rows = await batches.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            var seq = rows.GetInt64(0);
            if (seq > next) throw new InvalidOperationException($"study {studyId}: its log has a gap before event {seq}");
            var batch = Read<List<StudyEvent>>(rows[1]);
            events.AddRange(batch.Skip((int)(next - seq)));
            next = seq + batch.Count;
        }
        return events;
    }

    public async Task AppendEventsAsync(string studyId, long firstSeq, IReadOnlyList<StudyEvent> events)
    {
        if (events.Count == 0) return;
        await using var connection = await db.OpenConnectionAsync();
        // A retry after a lost acknowledgement may carry the stored events and newer ones: only those past the end are new.
        var end = await StoredEnd(connection, studyId);
        if (firstSeq > end) throw new InvalidOperationException($"study {studyId}: events from {firstSeq} appended after only {end}");
        var skip = (int)Math.Min(end - firstSeq, events.Count);
        // Stored events we are about to skip must be ours (a lost acknowledgement), not another activation's.
        if (skip > 0) StudyLogConflict.ThrowIfForeign(studyId, firstSeq, events, (await ReadEventsAsync(studyId, firstSeq)).Take(skip).ToList());
        if (skip == events.Count) return;
        // No ON CONFLICT: a row at `end` can only come from a second writer; the retry then finds its events and refuses them.
        await using var insert = new NpgsqlCommand("INSERT INTO study_events (study_id, seq, count, payload) VALUES ($1, $2, $3, $4)", connection);
        insert.Parameters.Add(new() { Value = studyId });
        insert.Parameters.Add(new() { Value = end });
        insert.Parameters.Add(new() { Value = events.Count - skip });
        insert.Parameters.Add(new() { Value = serializer.SerializeToArray(events.Skip(skip).ToList()) });
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<long> StoredEnd(NpgsqlConnection connection, string studyId)
    {
        await using var end = new NpgsqlCommand("SELECT COALESCE(max(seq + count), 0) FROM study_events WHERE study_id = $1", connection);
        end.Parameters.Add(new() { Value = studyId });
        return (long)(await end.ExecuteScalarAsync())!;
    }

    public async Task<EngineSnapshot?> ReadSnapshotAsync(string studyId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var read = new NpgsqlCommand("SELECT next_seq, engine FROM study_engine_snapshots WHERE study_id = $1", connection);
        read.Parameters.Add(new() { Value = studyId });
        await using var reader = await read.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new EngineSnapshot(reader.GetInt64(0), (byte[])reader[1]) : null;
    }

    public async Task WriteSnapshotAsync(string studyId, EngineSnapshot snapshot)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var upsert = new NpgsqlCommand(
            "INSERT INTO study_engine_snapshots (study_id, next_seq, engine) VALUES ($1, $2, $3) " +
            "ON CONFLICT (study_id) DO UPDATE SET next_seq = EXCLUDED.next_seq, engine = EXCLUDED.engine, written_at = now() " +
            "WHERE study_engine_snapshots.next_seq < EXCLUDED.next_seq", connection);
        upsert.Parameters.Add(new() { Value = studyId });
        upsert.Parameters.Add(new() { Value = snapshot.Seq });
        upsert.Parameters.Add(new() { Value = snapshot.Engine });
        await upsert.ExecuteNonQueryAsync();
    }

    public async Task WriteProjectionAsync(StudyProjection p)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var s = p.Status;
        var study = new NpgsqlBatchCommand(
            "INSERT INTO studies (study_id, name, spec, phase, strategy, strategy_reason, started_at, finished_at, message, " +
            "trials_launched, epochs_used, best_trial, best_score, status, summary) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) " +
            "ON CONFLICT (study_id) DO UPDATE SET name = EXCLUDED.name, phase = EXCLUDED.phase, strategy = EXCLUDED.strategy, " +
            "strategy_reason = EXCLUDED.strategy_reason, finished_at = EXCLUDED.finished_at, message = EXCLUDED.message, " +
            "trials_launched = EXCLUDED.trials_launched, epochs_used = EXCLUDED.epochs_used, best_trial = EXCLUDED.best_trial, " +
            "best_score = EXCLUDED.best_score, status = EXCLUDED.status, summary = COALESCE(EXCLUDED.summary, studies.summary), updated_at = now() " +
            // A finished study's row is final: a stale activation waking up must not turn it back to running.
            "WHERE studies.phase = 'running'");
        Add(study, p.StudyId, s.Name, p.SpecText, s.Phase.ToString().ToLowerInvariant(), s.Strategy, s.StrategyReason,
            DateTime.SpecifyKind(s.StartedUtc, DateTimeKind.Utc),
            s.Phase is StudyPhase.Running or StudyPhase.NotStarted ? null : DateTime.SpecifyKind(s.StartedUtc + s.Elapsed, DateTimeKind.Utc),
            s.Message, s.TrialsLaunched, s.EpochsUsed, s.Best?.Trial, s.Best?.Score,
            serializer.SerializeToArray(s with { Active = [] }),
            p.Summary is null ? null : serializer.SerializeToArray(p.Summary with { Rows = [] }));
        batch.BatchCommands.Add(study);

        foreach (var t in p.Trials)
        {
            var trial = new NpgsqlBatchCommand(
                "INSERT INTO trials (study_id, trial, kind, retest_of, generation, hyperparameters, state, failure, last_score, rounds) " +
                "VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8, $9, $10) ON CONFLICT (study_id, trial) DO UPDATE SET " +
                "hyperparameters = EXCLUDED.hyperparameters, state = EXCLUDED.state, failure = EXCLUDED.failure, " +
                "last_score = EXCLUDED.last_score, rounds = GREATEST(trials.rounds, EXCLUDED.rounds) " +
                "WHERE trials.state IN ('running', 'waiting')");
            Add(trial, p.StudyId, t.Trial, t.Kind, t.RetestOf, t.Generation, Json(t.Hyperparameters), t.State, t.Failure, t.LastScore, t.Rounds);
            batch.BatchCommands.Add(trial);
        }
        foreach (var (seq, r) in p.Rounds)
        {
            var round = new NpgsqlBatchCommand(
                "INSERT INTO trial_rounds (study_id, trial, seq, round, kind, retest_of, generation, epochs, train_loss, validation_loss, " +
                "validation_accuracy, learning_rate, score, decision, failure, hyperparameters) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::json) " +
                "ON CONFLICT (study_id, trial, seq) DO UPDATE SET " +
                // A round's decision is only ever added, never taken back (a stale writer knows less, not more).
                "decision = CASE WHEN EXCLUDED.decision = '' THEN trial_rounds.decision ELSE EXCLUDED.decision END, " +
                "failure = COALESCE(EXCLUDED.failure, trial_rounds.failure)");
            Add(round, p.StudyId, r.Trial, seq, r.Round, r.Kind, r.RetestOf, r.Generation, r.Epochs, r.TrainLoss, r.ValidationLoss,
                r.ValidationAccuracy, r.LearningRate, r.Score, r.Decision, r.Failure, Json(r.Hyperparameters));
            batch.BatchCommands.Add(round);
        }
        await batch.ExecuteNonQueryAsync();
    }

    public async Task<StudyResults?> ReadResultsAsync(string studyId)
    {
        await using var connection = await db.OpenConnectionAsync();
        StudyStatus status;
        StudyResults? summary;
        await using (var study = new NpgsqlCommand("SELECT status, summary FROM studies WHERE study_id = $1", connection))
        {
            study.Parameters.Add(new() { Value = studyId });
            await using var reader = await study.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return null;
            status = Read<StudyStatus>(reader[0]);
            summary = reader.IsDBNull(1) ? null : Read<StudyResults>(reader[1]);
        }
        var rows = new List<ResultRow>();
        await using (var rounds = new NpgsqlCommand(
            "SELECT trial, kind, retest_of, generation, round, epochs, train_loss, validation_loss, validation_accuracy, learning_rate, " +
            "score, hyperparameters::text, decision, failure FROM trial_rounds WHERE study_id = $1 ORDER BY trial, seq", connection))
        {
            rounds.Parameters.Add(new() { Value = studyId });
            await using var reader = await rounds.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(new ResultRow(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8),
                    reader.GetDouble(9), reader.GetDouble(10), FromJson(reader.GetString(11)), reader.GetString(12),
                    reader.IsDBNull(13) ? null : reader.GetString(13)));
            }
        }
        return new StudyResults(status, rows, summary?.Ranking ?? [], summary?.Regions ?? [], summary?.Failures ?? [], summary?.ParetoFront);
    }

    public async Task<IReadOnlyList<StudyListing>> ListStudiesAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var list = new NpgsqlCommand(
            "SELECT study_id, name, phase, strategy, started_at, trials_launched, best_score, message FROM studies ORDER BY started_at", connection);
        await using var reader = await list.ExecuteReaderAsync();
        var studies = new List<StudyListing>();
        while (await reader.ReadAsync())
        {
            studies.Add(new StudyListing(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetDateTime(4), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetDouble(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return studies;
    }

    private T Read<T>(object bytes) =>
        serializer.Deserialize<T>((byte[])bytes) ?? throw new InvalidDataException($"a stored {typeof(T).Name} read back as nothing");

    private static void Add(NpgsqlBatchCommand command, params object?[] values)
    {
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
    }

    // json, not jsonb: it keeps the search space's order, which results.csv's columns follow.
    private static string Json(Configuration c)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in c.Entries)
            {
                if (value.IsChoice) writer.WriteString(name, value.Choice);
                else writer.WriteNumber(name, value.Number);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Configuration FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return new Configuration(doc.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name,
            p.Value.ValueKind == JsonValueKind.String ? (ParameterValue)p.Value.GetString()! : p.Value.GetDouble())).ToArray());
    }
}
