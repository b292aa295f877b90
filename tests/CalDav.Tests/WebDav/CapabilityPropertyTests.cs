using System.Xml.Linq;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

/// <summary>Live properties that exist only where a node has the matching capability.</summary>
public sealed class CapabilityPropertyTests
{
    private sealed class RichCollection : IDavCollection, IDavQuota, IDavSyncTokenSource, IDavOwned, IDavAccessControlled
    {
        public string Name => "";
        public string? EncodedName => null;
        public EntityTag? ETag => null;
        public DateTimeOffset? LastModified => null;
        public DateTimeOffset? CreationDate => null;
        public long? QuotaUsedBytes => 1234;
        public long? QuotaAvailableBytes => 99;
        public string SyncToken => "https://example.org/ns/sync/42";
        public string? OwnerHref => "/principals/alice/";

        public IReadOnlyList<XName> GetCurrentUserPrivileges(string? principalHref) =>
            principalHref == OwnerHref ? [DavNames.Read, DavNames.Write] : [DavNames.Read];

        public async IAsyncEnumerable<IDavNode> GetChildrenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }

        public ValueTask<IDavNode?> GetChildAsync(string name, CancellationToken cancellationToken) => ValueTask.FromResult<IDavNode?>(null);
    }

    private sealed class SingleNodeTree(IDavNode root) : IDavTree
    {
        public ValueTask<IDavNode?> GetNodeAsync(DavPath path, CancellationToken cancellationToken) =>
            ValueTask.FromResult(path.IsRoot ? root : null);
    }

    private static Task<DavTestHost> StartAsync(string? principal) => DavTestHost.StartAsync(configure: o =>
    {
        var tree = new SingleNodeTree(new RichCollection());
        o.TreeResolver = _ => tree;
        o.PrincipalResolver = _ => principal;
    });

    [Fact]
    public async Task Quota_sync_token_and_owner_come_from_capabilities()
    {
        await using var host = await StartAsync("/principals/alice/");

        var response = await host.PropfindAsync("/", DavTestHost.PropBody(
            DavNames.QuotaUsedBytes, DavNames.QuotaAvailableBytes, DavNames.SyncToken, DavNames.Owner, DavNames.GetETag));

        Assert.Equal("1234", response.Property("/", DavNames.QuotaUsedBytes).Value);
        Assert.Equal("99", response.Property("/", DavNames.QuotaAvailableBytes).Value);
        Assert.Equal("https://example.org/ns/sync/42", response.Property("/", DavNames.SyncToken).Value);
        Assert.Equal("/principals/alice/", response.Property("/", DavNames.Owner).Element(DavNames.Href)!.Value);
        Assert.Equal(404, response.PropertyStatus("/", DavNames.GetETag));
    }

    [Fact]
    public async Task Without_the_capabilities_those_properties_are_404()
    {
        await using var host = await DavTestHost.StartAsync();

        var response = await host.PropfindAsync("/", DavTestHost.PropBody(DavNames.QuotaUsedBytes, DavNames.SyncToken, DavNames.Owner));

        Assert.Equal(404, response.PropertyStatus("/", DavNames.QuotaUsedBytes));
        Assert.Equal(404, response.PropertyStatus("/", DavNames.SyncToken));
        Assert.Equal(404, response.PropertyStatus("/", DavNames.Owner));
    }

    // RFC 3744 5.4: current-user-privilege-set is computed for the current principal.
    [Theory]
    [InlineData("/principals/alice/", 2)]
    [InlineData("/principals/bob/", 1)]
    public async Task Privileges_are_those_the_node_grants_to_the_current_principal(string principal, int count)
    {
        await using var host = await StartAsync(principal);

        var response = await host.PropfindAsync("/", DavTestHost.PropBody(DavNames.CurrentUserPrivilegeSet));

        Assert.Equal(count, response.Property("/", DavNames.CurrentUserPrivilegeSet).Elements(DavNames.Privilege).Count());
    }

    [Fact]
    public async Task A_node_without_a_property_store_refuses_dead_properties_with_403()
    {
        await using var host = await StartAsync(null);

        var response = await host.ProppatchAsync("/", "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><D:displayname>x</D:displayname></D:prop></D:set></D:propertyupdate>");

        Assert.Equal(403, response.PropertyStatus("/", DavNames.DisplayName));
    }
}
