using AuroraTime.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>
/// Group commit (SqliteWriteQueue): writes queued while a batch runs share the next transaction, each
/// in its own savepoint. Batches are made deterministic by holding the database write lock from a
/// second connection: the first write then waits in BEGIN IMMEDIATE while the others queue behind it.
/// </summary>
public sealed class SqliteWriteQueueTests : IAsyncLifetime
{
    private readonly SqliteStoreFixture _fixture = new();
    private readonly List<SqliteSession> _sessions = [];
    private SqliteWriteQueue _queue = null!;
    private SqliteConnection _blocker = null!;

    public Task InitializeAsync()
    {
        using (var setup = Open())
        {
            Execute(setup, "PRAGMA journal_mode = WAL; CREATE TABLE parents (id INTEGER PRIMARY KEY); INSERT INTO parents VALUES (1); " +
                           "CREATE TABLE items (name TEXT PRIMARY KEY, parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);");
        }

        _queue = new SqliteWriteQueue(RentSession, _ => { });
        _blocker = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _blocker.Dispose();
        _sessions.ForEach(session => session.Dispose());
        await _fixture.DisposeAsync();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _fixture.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;");
        return connection;
    }

    private SqliteSession RentSession()
    {
        var session = new SqliteSession(Open());
        lock (_sessions)
        {
            _sessions.Add(session);
        }

        return session;
    }

    private int SessionsRented
    {
        get
        {
            lock (_sessions)
            {
                return _sessions.Count;
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<string> StoredNames()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM items ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Inserts a row; the result is the count of rows with that name prefix it then sees (a success when below 2).</summary>
    private Task<long> Insert(string name, long parent = 1) => _queue.WriteAsync(session =>
    {
        session.Command("INSERT INTO items (name, parent) VALUES ($name, $parent)").With("$name", name).With("$parent", parent).ExecuteNonQuery();
        return (long)session.Command("SELECT count(*) FROM items WHERE substr(name, 1, 1) = substr($name, 1, 1)").With("$name", name).ExecuteScalar()!;
    }, seen => seen < 2, CancellationToken.None);

    /// <summary>
    /// Starts <paramref name="leader"/> on another thread while the blocker holds the write lock, waits until it has
    /// taken its batch (it now waits in BEGIN IMMEDIATE), queues <paramref name="followers"/> behind it, then lets go.
    /// </summary>
    private async Task<(Task Leader, Task[] Followers)> RunBehindABlockedLeaderAsync(Func<Task> leader, params Func<Task>[] followers)
    {
        Execute(_blocker, "BEGIN IMMEDIATE");
        var leading = Task.Run(leader);
        // The leader dequeues its batch before renting a session, then waits in BEGIN IMMEDIATE.
        await WaitUntilAsync(() => _queue.QueuedCount == 0 && SessionsRented == 1);
        var following = followers.Select(start => start()).ToArray();
        Assert.Equal(followers.Length, _queue.QueuedCount);
        Assert.False(leading.IsCompleted);
        Execute(_blocker, "ROLLBACK");
        await Task.WhenAll(following.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default)).Append(leading.ContinueWith(_ => { }, TaskScheduler.Default)));
        return (leading, following);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 30_000, "timed out");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Writes_queued_behind_a_running_batch_share_one_commit_and_each_sees_the_ones_before_it()
    {
        var (leader, followers) = await RunBehindABlockedLeaderAsync(() => Insert("lead"), () => Insert("a1"), () => Insert("b1"), () => Insert("c1"), () => Insert("a2"));

        Assert.True(leader.IsCompletedSuccessfully);
        // a2 saw a1 (queued before it, same transaction): its result (2) is not a success, so it was rolled back alone.
        var seen = await Task.WhenAll(followers.Cast<Task<long>>());
        Assert.Equal([1L, 1L, 1L, 2L], seen);
        Assert.Equal(["a1", "b1", "c1", "lead"], StoredNames());
        Assert.Equal(2, _queue.Commits); // the leader alone, then the four followers together
    }

    [Fact]
    public async Task A_write_that_throws_fails_alone_and_leaves_no_trace()
    {
        var failing = () => _queue.WriteAsync<long>(session =>
        {
            session.Command("INSERT INTO items (name, parent) VALUES ('x-partial', 1)").ExecuteNonQuery();
            return (long)session.Command("INSERT INTO no_such_table VALUES (1)").ExecuteNonQuery();
        }, _ => true, CancellationToken.None);
        var (_, followers) = await RunBehindABlockedLeaderAsync(() => Insert("lead"), () => Insert("a1"), failing, () => Insert("b1"));

        Assert.True(followers[0].IsCompletedSuccessfully);
        Assert.IsType<SqliteException>(followers[1].Exception!.InnerException);
        Assert.True(followers[2].IsCompletedSuccessfully);
        Assert.Equal(["a1", "b1", "lead"], StoredNames());
    }

    [Fact]
    public async Task A_failure_that_ends_the_whole_transaction_fails_its_write_and_the_others_run_again()
    {
        // Some errors (I/O, a full disk) make SQLite roll back the whole transaction; a ROLLBACK inside the write does the same.
        var endingTheTransaction = () => _queue.WriteAsync<long>(session =>
        {
            session.Command("ROLLBACK").ExecuteNonQuery();
            throw new InvalidOperationException("the transaction is gone");
        }, _ => true, CancellationToken.None);
        var (_, followers) = await RunBehindABlockedLeaderAsync(() => Insert("lead"), () => Insert("a1"), endingTheTransaction, () => Insert("b1"));

        Assert.Equal(1, await (Task<long>)followers[0]);
        Assert.IsType<InvalidOperationException>(followers[1].Exception!.InnerException);
        Assert.Equal(1, await (Task<long>)followers[2]);
        Assert.Equal(["a1", "b1", "lead"], StoredNames());
    }

    [Fact]
    public async Task A_failed_commit_fails_every_write_in_it_and_none_is_stored()
    {
        // A deferred foreign key is checked at COMMIT, so the COMMIT itself fails: no write of that transaction may be acknowledged.
        var (_, followers) = await RunBehindABlockedLeaderAsync(() => Insert("lead"), () => Insert("a1"), () => Insert("b1", parent: 99), () => Insert("c1"));

        Assert.All(followers, task => Assert.IsType<SqliteException>(task.Exception!.InnerException));
        Assert.Equal(["lead"], StoredNames());
        Assert.Equal(1, _queue.Commits);
    }

    [Fact]
    public async Task A_write_whose_caller_gave_up_while_queued_is_not_run()
    {
        using var cancelled = new CancellationTokenSource();
        var givenUp = () => _queue.WriteAsync(session =>
            (long)session.Command("INSERT INTO items (name, parent) VALUES ('z-given-up', 1)").ExecuteNonQuery(), _ => true, cancelled.Token);
        var (_, followers) = await RunBehindABlockedLeaderAsync(() => Insert("lead"), () => Insert("a1"), () =>
        {
            var task = givenUp();
            cancelled.Cancel();
            return task;
        });

        Assert.True(followers[0].IsCompletedSuccessfully);
        Assert.True(followers[1].IsCanceled);
        Assert.Equal(["a1", "lead"], StoredNames());
    }

    [Fact]
    public async Task A_write_with_no_company_commits_alone_and_a_refused_one_rolls_back()
    {
        Assert.Equal(1, await Insert("a1"));
        Assert.Equal(2, await Insert("a2")); // not a success: rolled back
        Assert.Equal(["a1"], StoredNames());
        Assert.Equal(1, _queue.Commits);
    }
}
