using System.Runtime.InteropServices;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// The column reads of a stepped statement and the connection's mutex, called in e_sqlite3 directly
/// with raw pointers (the library SQLitePCLRaw's bundle loads under the same name, so both resolve to
/// one copy).
/// </summary>
/// <remarks>
/// Why not <c>SQLitePCL.raw</c>: each of its calls passes the statement as a SafeHandle, which the
/// marshaller reference-counts with two interlocked operations, behind an interface dispatch to the
/// provider; with about 15 column calls per row that was 9% of a PROPFIND Depth 1's CPU on the Native
/// AOT build (perf, session 5). The caller owns the statement handle for as long as it reads from it,
/// so the count protects nothing here.
/// <para>
/// The mutex: SQLite (built thread-safe, "serialized") locks the connection's recursive mutex inside
/// every API call, about 30,000 lock/unlock pairs for a PROPFIND Depth 1 of 2,000 members, 10% of its
/// CPU (perf, session 5). A reader that holds the mutex across its loop turns each of them into a
/// re-entry by the owner, which takes no atomic operation. It must leave on the thread that entered.
/// </para>
/// </remarks>
internal static unsafe class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>
    /// The column's bytes as SQLite holds them (text as UTF-8), valid until the next step, reset or
    /// finalize of the statement, or the next column call that converts this column's type. Empty for NULL.
    /// </summary>
    public static ReadOnlySpan<byte> Blob(IntPtr statement, int column)
    {
        // sqlite3_column_blob first, then sqlite3_column_bytes: the order SQLite's documentation asks for.
        var bytes = sqlite3_column_blob(statement, column);
        return bytes is null ? default : new ReadOnlySpan<byte>(bytes, sqlite3_column_bytes(statement, column));
    }

    public static long Int64(IntPtr statement, int column) => sqlite3_column_int64(statement, column);

    public static bool IsNull(IntPtr statement, int column) => sqlite3_column_type(statement, column) == SqliteNull;

    public static int Count(IntPtr statement) => sqlite3_column_count(statement);

    /// <summary>The connection's mutex (null when SQLite was built or opened without one).</summary>
    public static IntPtr ConnectionMutex(IntPtr connection) => sqlite3_db_mutex(connection);

    /// <summary>Enters a mutex from <see cref="ConnectionMutex"/>; a null one is ignored, as SQLite does.</summary>
    public static void Enter(IntPtr mutex) => sqlite3_mutex_enter(mutex);

    public static void Leave(IntPtr mutex) => sqlite3_mutex_leave(mutex);

    private const int SqliteNull = 5; // SQLITE_NULL

    [DllImport(Library, ExactSpelling = true)]
    private static extern IntPtr sqlite3_db_mutex(IntPtr connection);

    [DllImport(Library, ExactSpelling = true)]
    private static extern void sqlite3_mutex_enter(IntPtr mutex);

    [DllImport(Library, ExactSpelling = true)]
    private static extern void sqlite3_mutex_leave(IntPtr mutex);

    [DllImport(Library, ExactSpelling = true)]
    private static extern byte* sqlite3_column_blob(IntPtr statement, int column);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int sqlite3_column_bytes(IntPtr statement, int column);

    [DllImport(Library, ExactSpelling = true)]
    private static extern long sqlite3_column_int64(IntPtr statement, int column);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int sqlite3_column_type(IntPtr statement, int column);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int sqlite3_column_count(IntPtr statement);
}
