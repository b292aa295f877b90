using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Http;

namespace AuroraTime.CalDav.Tests.WebDav;

public sealed class IfHeaderTests
{
    private static Dictionary<string, string> If(string value) => new() { ["If"] = value };

    [Fact]
    public void Untagged_and_tagged_lists_parse_with_negation_etags_and_state_tokens()
    {
        var untagged = IfHeader.Parse("(<urn:uuid:181d4fae> [\"xyz\"]) (Not <DAV:no-lock>)");
        var tagged = IfHeader.Parse("<http://h/a> ([W/\"1\"]) <http://h/b> (Not [\"2\"])");

        Assert.Equal(2, untagged.Count);
        Assert.Equal("urn:uuid:181d4fae", untagged[0].Conditions[0].StateToken);
        Assert.Equal(new EntityTag("xyz"), untagged[0].Conditions[1].ETag);
        Assert.True(untagged[1].Conditions[0].Not);
        Assert.Equal(["http://h/a", "http://h/b"], tagged.Select(l => l.ResourceTag));
        Assert.True(tagged[0].Conditions[0].ETag!.Value.IsWeak);
    }

    // RFC 4918 10.4.2: a malformed If header is a 400.
    [Theory]
    [InlineData("(")]
    [InlineData("()")]
    [InlineData("([\"a\"")]
    [InlineData("x")]
    [InlineData("(<a>) <http://h/b> (<c>)")]
    public void Malformed_if_headers_are_a_bad_request(string header)
    {
        var error = Assert.Throws<DavException>(() => IfHeader.Parse(header));
        Assert.Equal(400, error.Status);
    }

    // RFC 4918 10.4: "If the state of the resource does not match any of the specified state lists
    // then the request MUST fail with a 412 (Precondition Failed)."
    [Fact]
    public async Task A_put_proceeds_only_when_some_list_holds_for_the_target()
    {
        await using var host = await DavTestHost.StartAsync();
        var etag = (await host.PutAsync("/f", "a", expect: 201)).Header("ETag")!;

        await host.PutAsync("/f", "b", If("([\"stale\"])"), expect: 412);
        await host.PutAsync("/f", "b", If("(<urn:uuid:no-such-lock>)"), expect: 412);
        await host.PutAsync("/f", "b", If($"([\"stale\"]) ([{etag}])"), expect: 204);
    }

    // RFC 4918 10.4.8: "Not <DAV:no-lock>" is always true, a way to add an always-true list.
    [Fact]
    public async Task Not_a_state_token_holds_because_the_core_has_no_locks()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/f", "a", expect: 201);

        await host.SendAsync("DELETE", "/f", headers: If("(Not <DAV:no-lock>)"), expect: 204);
    }

    [Fact]
    public async Task A_tagged_list_is_evaluated_against_the_resource_it_names()
    {
        await using var host = await DavTestHost.StartAsync();
        var otherTag = (await host.PutAsync("/other", "o", expect: 201)).Header("ETag")!;
        await host.PutAsync("/f", "a", expect: 201);

        await host.PutAsync("/f", "b", If($"<http://localhost/other> ([{otherTag}])"), expect: 204);
        await host.PutAsync("/f", "c", If("</other> ([\"nope\"])"), expect: 412);
    }
}
