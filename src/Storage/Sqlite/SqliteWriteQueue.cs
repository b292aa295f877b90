using SQLitePCL;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// Group commit for the store's in-process writers. Writes queue here; whoever finds no batch running
/// takes every queued write (up to <see cref="MaxBatch"/>) and runs them, in arrival order, in one
/// BEGIN IMMEDIATE transaction, each inside its own savepoint, then commits once. Concurrent PUTs thus
/// share one commit: the pages they all touch (the collection row, index pages, the change log) are
/// written to the WAL once per batch instead of once per write.
/// <para>
/// Every write keeps the semantics it had alone: it sees the writes queued before it (serial order),
/// a write whose result is not a success is rolled back to its savepoint and leaves no trace, a write
/// that throws fails alone, and no caller learns its result before the COMMIT holding it has returned,
/// so an acknowledged write is as durable as before (WAL, synchronous=NORMAL: it survives a process
/// crash). A COMMIT that fails fails every write in it: none of them is stored.
/// </para>
/// <para>
/// A batch runs synchronously on the thread that started it, as a single write did before. If more
/// writes queued meanwhile, the next batch is handed to the thread pool, so no request waits for
/// other requests' batches after its own has committed.
/// </para>
/// </summary>
internal sealed class SqliteWriteQueue(Func<SqliteSession> rentSession, Action<SqliteSession> returnSession)
{
    /// <summary>Bounds how long one transaction holds the database write lock.</summary>
    internal const int MaxBatch = 32;

    private readonly object _gate = new();
    private readonly Queue<QueuedWrite> _queued = new();
    private bool _draining;

    /// <summary>The number of transactions committed so far (tests check that writes shared them).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes waiting for a batch (not those of the batch running).</summary>
    internal int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    private long _commits;

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction shared with other queued writes; it is kept
    /// only when <paramref name="succeeded"/> says its result is a success.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> work, Func<T, bool> succeeded, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new QueuedWrite<T>(work, succeeded, cancellationToken);
        bool lead;
        lock (_gate)
        {
            _queued.Enqueue(write);
            lead = !_draining;
            _draining = true;
        }

        if (lead)
        {
            DrainOneBatch();
        }

        return write.Task;
    }

    private void DrainOneBatch()
    {
        var batch = new List<QueuedWrite>();
        lock (_gate)
        {
            while (batch.Count < MaxBatch && _queued.TryDequeue(out var write))
            {
                batch.Add(write);
            }
        }

        RunBatch(batch); // never throws: every failure is handed to the writes it concerns
        lock (_gate)
        {
            if (_queued.Count == 0)
            {
                _draining = false;
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(static queue => queue.DrainOneBatch(), this, preferLocal: false);
    }

    private void RunBatch(List<QueuedWrite> batch)
    {
        SqliteSession session;
        try
        {
            session = rentSession();
        }
        catch (Exception failure)
        {
            batch.ForEach(write => write.Fail(failure));
            return;
        }

        try
        {
            var remaining = batch;
            while (remaining.Count > 0)
            {
                remaining = RunInOneTransaction(session, remaining);
            }
        }
        catch (Exception failure)
        {
            // A BEGIN, savepoint or rollback statement failed: whatever did not commit fails (a write
            // already answered keeps its answer), and the session, if still in a transaction, is not pooled again.
            batch.ForEach(write => write.Fail(failure));
        }
        finally
        {
            returnSession(session);
        }
    }

    /// <returns>Writes to run again in a new transaction: those an error rolled back with the whole transaction.</returns>
    private List<QueuedWrite> RunInOneTransaction(SqliteSession session, List<QueuedWrite> writes)
    {
        var live = writes.Where(write => !write.CancelIfRequested()).ToList();
        if (live.Count == 0)
        {
            return [];
        }

        session.BeginImmediate();
        if (live.Count == 1)
        {
            RunAlone(session, live[0]);
            return [];
        }

        var ran = new List<QueuedWrite>(live.Count);
        for (var i = 0; i < live.Count; i++)
        {
            var write = live[i];
            session.Savepoint();
            try
            {
                if (!write.Run(session))
                {
                    session.RollbackToSavepoint();
                }

                session.ReleaseSavepoint();
                ran.Add(write);
            }
            catch (Exception failure)
            {
                write.Fail(failure);
                if (raw.sqlite3_get_autocommit(session.Connection.Handle) != 0)
                {
                    // The error ended the whole transaction (SQLite does so for I/O errors, a full disk, ...):
                    // the writes before this one were rolled back with it and run again.
                    ran.ForEach(other => other.ForgetResult());
                    return [.. ran, .. live.Skip(i + 1)];
                }

                session.RollbackToSavepoint();
                session.ReleaseSavepoint();
            }
        }

        Commit(session, ran);
        return [];
    }

    /// <summary>A write with no company needs no savepoint: it commits, or rolls back, alone.</summary>
    private void RunAlone(SqliteSession session, QueuedWrite write)
    {
        bool keep;
        try
        {
            keep = write.Run(session);
        }
        catch (Exception failure)
        {
            write.Fail(failure);
            session.RollbackIfOpen();
            return;
        }

        if (!keep)
        {
            write.Publish();
            session.RollbackIfOpen();
            return;
        }

        Commit(session, [write]);
    }

    private void Commit(SqliteSession session, List<QueuedWrite> writes)
    {
        try
        {
            session.Commit();
        }
        catch (Exception failure)
        {
            session.RollbackIfOpen();
            writes.ForEach(write => write.Fail(failure));
            return;
        }

        Interlocked.Increment(ref _commits);
        writes.ForEach(write => write.Publish());
    }

    private abstract class QueuedWrite
    {
        /// <summary>Runs the work; its result waits for <see cref="Publish"/>.</summary>
        /// <returns>Whether the result is a success, to be kept.</returns>
        public abstract bool Run(SqliteSession session);

        /// <summary>Hands the result of <see cref="Run"/> to the caller (after the commit, or at once for a rolled-back write).</summary>
        public abstract void Publish();

        public abstract void ForgetResult();

        public abstract void Fail(Exception failure);

        /// <returns>True when the caller gave up before the write started; the caller then sees a cancellation.</returns>
        public abstract bool CancelIfRequested();
    }

    private sealed class QueuedWrite<T>(Func<SqliteSession, T> work, Func<T, bool> succeeded, CancellationToken cancellationToken) : QueuedWrite
    {
        // The caller's continuation must not run on the thread committing the batch.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private bool _hasResult;

        public Task<T> Task => _completion.Task;

        public override bool Run(SqliteSession session)
        {
            _result = work(session);
            _hasResult = true;
            return succeeded(_result);
        }

        public override void Publish()
        {
            if (_hasResult)
            {
                _completion.TrySetResult(_result!);
            }
            else
            {
                _completion.TrySetException(new InvalidOperationException("A queued write was answered before it ran."));
            }
        }

        public override void ForgetResult()
        {
            _result = default;
            _hasResult = false;
        }

        public override void Fail(Exception failure) => _completion.TrySetException(failure);

        public override bool CancelIfRequested() =>
            cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);
    }
}
