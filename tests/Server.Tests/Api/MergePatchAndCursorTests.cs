using System.Text.Json.Nodes;
using AuroraTime.Server.Api.Events;

namespace AuroraTime.Server.Tests.Api;

public sealed class MergePatchTests
{
    // RFC 7396 Appendix A: the test cases of the specification.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Applies_the_RFC_7396_examples(string target, string patch, string expected)
    {
        var result = MergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result?.ToJsonString());
    }
}

public sealed class EventCursorTests
{
    [Fact]
    public void A_cursor_is_only_accepted_for_the_listing_it_came_from()
    {
        var cursor = EventCursor.Encode("work", "2026-01-01T00:00:00Z", null, "b.ics");
        Assert.Equal("b.ics", EventCursor.Decode(cursor, "work", "2026-01-01T00:00:00Z", null));
        Assert.Null(EventCursor.Decode(cursor, "home", "2026-01-01T00:00:00Z", null));
        Assert.Null(EventCursor.Decode(cursor, "work", null, null));
        Assert.Null(EventCursor.Decode(cursor, "work", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"));
        Assert.Null(EventCursor.Decode("!!not base64!!", "work", null, null));
        Assert.Null(EventCursor.Decode(cursor[..^2], "work", "2026-01-01T00:00:00Z", null));
    }
}
