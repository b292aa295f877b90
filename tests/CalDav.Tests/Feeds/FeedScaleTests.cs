using System.IO.Pipelines;
using AuroraTime.CalDav.Feeds;
using AuroraTime.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace AuroraTime.CalDav.Tests.Feeds;

/// <summary>
/// A feed of a big calendar is windowed and streamed: the memory held while writing does not grow
/// with the calendar. Events are spread over 2021-2030, so the default window holds about a sixth.
/// </summary>
public class FeedScaleTests
{
    [Fact]
    public async Task A_fifty_thousand_event_calendar_gives_a_windowed_feed_in_flat_memory()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        // Ten years: 5,000 events every 1,051 minutes, then 45,000 more every 117 minutes.
        await FillAsync(calendar, 0, 5_000, 1_051);
        var small = await MeasureAsync(calendar);
        await FillAsync(calendar, 5_000, 50_000, 117);
        var large = await MeasureAsync(calendar);

        Assert.InRange(small.Events, 700, 1_100);
        Assert.InRange(large.Events, 7_000, 11_000);
        Assert.True(large.Bytes > 9 * small.Bytes, $"{large.Bytes} vs {small.Bytes} bytes");
        // Loose bounds: allocation per event stays about the same (no quadratic buffering), and the
        // live heap while writing a ten times larger feed stays within a small constant of the smaller one.
        var perEventSmall = (double)small.Allocated / small.Events;
        var perEventLarge = (double)large.Allocated / large.Events;
        Assert.True(perEventLarge < 2 * perEventSmall, $"allocated per event: {perEventLarge:F0} vs {perEventSmall:F0}");
        Assert.True(large.PeakHeap < small.PeakHeap + 32 * 1024 * 1024, $"peak heap {large.PeakHeap} vs {small.PeakHeap}");
    }

    /// <summary>
    /// Adds events e{from}..e{to-1}, evenly over 2021-2030, straight into the SQLite file in one statement
    /// (55,000 store writes take most of a minute on a loaded machine). The row layout is copied from
    /// two objects written through the store, and the prefilter bounds are scaled from theirs, so the
    /// rows are what the store itself would have written.
    /// </summary>
    private static async Task FillAsync(FeedTestCalendar calendar, int from, int to, int stepMinutes)
    {
        var t0 = new DateTime(2021, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        if (from == 0)
        {
            await calendar.PutAsync("template0.ics", FeedFixtures.Single("template0@scale", t0, "template"));
            await calendar.PutAsync("template1.ics", FeedFixtures.Single("template1@scale", t0.AddHours(1), "template"));
        }
        await using var connection = new SqliteConnection($"Data Source={calendar.DatabasePath}");
        await connection.OpenAsync();
        long F(string href)
        {
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT first_at FROM objects WHERE href = $href";
            read.Parameters.AddWithValue("$href", href);
            return (long)read.ExecuteScalar()!;
        }
        var first0 = F("template0.ics");
        var perSecond = (F("template1.ics") - first0) / 3600.0;
        var unix0 = new DateTimeOffset(t0).ToUnixTimeSeconds();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT $from UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $to),
            e(i, s) AS (SELECT i, $unix0 + (i - $from) * $step * 60 + 300 * ($from > 0) FROM n)
            INSERT INTO objects (collection_id, href, uid, component, content_type, etag, size, modified_at, first_at, last_at, data)
            SELECT t.collection_id, 'e' || e.i || '.ics', 'e' || e.i || '@scale', t.component, t.content_type, 'bulk-' || e.i, 0, t.modified_at,
                   $first0 + CAST((e.s - $unix0) * $perSecond AS INTEGER), $first0 + CAST((e.s + 3600 - $unix0) * $perSecond AS INTEGER),
                   CAST(printf('BEGIN:VCALENDAR' || char(13, 10) || 'VERSION:2.0' || char(13, 10) || 'PRODID:-//test//EN' || char(13, 10)
                     || 'BEGIN:VEVENT' || char(13, 10) || 'UID:e%d@scale' || char(13, 10) || 'DTSTAMP:20261101T000000Z' || char(13, 10)
                     || 'DTSTART:%s' || char(13, 10) || 'DTEND:%s' || char(13, 10) || 'SUMMARY:Event %d with a title of ordinary length' || char(13, 10)
                     || 'END:VEVENT' || char(13, 10) || 'END:VCALENDAR' || char(13, 10),
                     e.i, strftime('%Y%m%dT%H%M%SZ', e.s, 'unixepoch'), strftime('%Y%m%dT%H%M%SZ', e.s + 3600, 'unixepoch'), e.i) AS BLOB)
            FROM e, objects t WHERE t.href = 'template0.ics';
            """;
        insert.Parameters.AddWithValue("$from", from);
        insert.Parameters.AddWithValue("$to", to);
        insert.Parameters.AddWithValue("$step", stepMinutes);
        insert.Parameters.AddWithValue("$unix0", unix0);
        insert.Parameters.AddWithValue("$first0", first0);
        insert.Parameters.AddWithValue("$perSecond", perSecond);
        Assert.Equal(to - from, await insert.ExecuteNonQueryAsync());
    }

    private static async Task<(int Events, long Bytes, long Allocated, long PeakHeap)> MeasureAsync(FeedTestCalendar calendar)
    {
        var tokens = new FeedTokens(new byte[32]);
        var token = tokens.Mint();
        await calendar.LinkAsync(token.TokenId, FeedScope.Full);
        var options = new FeedOptions();
        var source = (await new FeedLinkResolver(calendar.Store, tokens, options).ResolveAsync(token.Token, CancellationToken.None))!;
        var sink = new CountingStream();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
                await Task.Delay(2);
            }
        });
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var output = PipeWriter.Create(sink);
        var events = await new FeedGenerator(calendar.Store, options).WriteAsync(source, FeedWindow.Around(FeedTestCalendar.Now, options), output, CancellationToken.None);
        await output.CompleteAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await stop.CancelAsync();
        await sampler;
        return (events, sink.Length, allocated, peak);
    }

    /// <summary>A write-only stream that only counts, so the test itself holds no feed in memory.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
