using System.Text;
using AuroraTime.Storage.Sqlite;

namespace AuroraTime.Storage.Tests.Sqlite;

/// <summary>The decoder of the JSON page the SQLite listing builds (SqliteStore.ListObjectsAsync).</summary>
public sealed class SummaryJsonRowsTests
{
    private static string Row(string href) =>
        $"[\"{href}\",null,\"VEVENT\",\"text/calendar\",\"abc\",10,0,null,5]";

    [Fact]
    public void Rows_come_back_in_the_order_of_SQLite_binary_collation_even_if_the_text_lists_them_otherwise()
    {
        // U+FF01 is EF BC 81 in UTF-8 and U+1F4C5 is F0 9F 93 85, so SQLite orders U+FF01 first, while an
        // ordinal UTF-16 comparison would put the surrogate pair (D83D ...) first. Paging by href > $after
        // uses SQLite's order, so the decoder must agree with it.
        var json = $"[{Row("\\ud83d\\udcc5.ics")},{Row("\\uff01.ics")},{Row("a.ics")}]";

        var items = SummaryJsonRows.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(["a.ics", "\uff01.ics", "\U0001F4C5.ics"], items.Select(i => i.Href));
        Assert.True(SummaryJsonRows.CompareAsUtf8("\uff01", "\U0001F4C5") < 0);
        Assert.True(string.CompareOrdinal("\uff01", "\U0001F4C5") > 0);
    }

    [Fact]
    public void Every_field_is_decoded_and_nulls_stay_null()
    {
        var item = Assert.Single(SummaryJsonRows.Read("[[\"x.ics\",\"u\",null,\"text/plain\",\"e1\",42,7,null,null]]"u8));

        Assert.Equal(("x.ics", "u", (string?)null, "text/plain", "e1", 42L), (item.Href, item.Uid, item.ComponentType, item.ContentType, item.ETag.Value, item.Size));
        Assert.Equal(7, item.LastModified.ToUnixTimeTicks());
        Assert.Null(item.FirstOccurrence);
        Assert.Null(item.LastOccurrence);
        Assert.Empty(SummaryJsonRows.Read("[]"u8));
    }

    [Theory]
    [InlineData("[[\"x.ics\",null,null,\"t\",\"e\",1,2,null]]")] // a column missing
    [InlineData("[[null,null,null,\"t\",\"e\",1,2,null,null]]")] // no href
    [InlineData("[[\"x.ics\",null,null,\"t\",\"e\",\"1\",2,null,null]]")] // size as text
    [InlineData("{}")]
    public void A_text_of_another_shape_is_refused(string json) =>
        Assert.Throws<InvalidDataException>(() => SummaryJsonRows.Read(Encoding.UTF8.GetBytes(json)));
}
