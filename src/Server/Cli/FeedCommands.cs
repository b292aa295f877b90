using System.CommandLine;
using System.Globalization;
using AuroraTime.CalDav.Feeds;
using AuroraTime.Server.Configuration;
using AuroraTime.Server.Feeds;
using AuroraTime.Storage.Contract;
using NodaTime.Text;

namespace AuroraTime.Server.Cli;

/// <summary><c>aurora feed create USER [--calendar NAME] [--scope full|busy-only|no-private] | list USER | revoke USER LINK-OR-TOKEN</c>.</summary>
internal static class FeedCommands
{
    private static readonly Dictionary<string, FeedScope> Scopes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["full"] = FeedScope.Full,
        ["busy-only"] = FeedScope.BusyOnly,
        ["no-private"] = FeedScope.NoPrivate,
    };

    public static Command Create(CliContext context, Option<string?> data)
    {
        var command = new Command("feed", "Manage secret iCal feed links (webcal subscriptions)");
        command.Add(CreateCommand(context, data));
        command.Add(ListCommand(context, data));
        command.Add(RevokeCommand(context, data));
        return command;
    }

    private static Command CreateCommand(CliContext context, Option<string?> data)
    {
        var user = new Argument<string>("USER") { Description = "User name" };
        var calendar = new Option<string?>("--calendar") { Description = "Publish one calendar (default: all calendars of the user)" };
        var scope = new Option<string>("--scope") { Description = "full, busy-only or no-private", DefaultValueFactory = _ => "full" };
        scope.AcceptOnlyFromAmong([.. Scopes.Keys]);
        var create = new Command("create", "Create a feed link and print it (https, webcal and Google forms)") { user, calendar, scope };
        create.SetAction(async (parsed, ct) =>
        {
            await using var feeds = await FeedCommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var userName = parsed.GetRequiredValue(user);
            var calendarName = parsed.GetValue(calendar);
            if (!ResourceNames.IsValidSegment(userName))
            {
                await context.Error.WriteLineAsync($"error: no user '{userName}'");
                return ExitCodes.Failure;
            }
            if (calendarName is not null)
            {
                var found = ResourceNames.IsValidSegment(calendarName)
                    ? await feeds.Store.GetCollectionAsync(new CollectionRef(userName, calendarName), ct)
                    : null;
                if (found is not { Kind: CollectionKind.Calendar })
                {
                    await context.Error.WriteLineAsync($"error: user '{userName}' has no calendar '{calendarName}'");
                    return ExitCodes.Failure;
                }
            }
            var token = feeds.Tokens.Mint();
            var outcome = await feeds.Store.CreateFeedLinkAsync(token.TokenId, userName, calendarName, Scopes[parsed.GetRequiredValue(scope)], ct);
            if (outcome != StoreOutcome.Created)
            {
                await context.Error.WriteLineAsync(outcome == StoreOutcome.NotFound ? $"error: no user '{userName}'" : $"error: {outcome}");
                return ExitCodes.Failure;
            }
            var urls = FeedUrls.For(feeds.Settings.PublicBaseUrl, token.Token, calendarName ?? userName);
            await context.Error.WriteLineAsync($"created feed {token.TokenId} for {userName}; anyone with the link can read it:");
            await context.Out.WriteLineAsync($"https:  {urls.Https}");
            await context.Out.WriteLineAsync($"webcal: {urls.Webcal}");
            await context.Out.WriteLineAsync($"google: {urls.GoogleAdd}");
            if (feeds.Settings.PublicBaseUrl == FeedSettings.DefaultPublicBaseUrl)
            {
                await context.Error.WriteLineAsync("note: set PublicBaseUrl (e.g. AURORA_PublicBaseUrl=https://cal.example.org) for links that work elsewhere");
            }
            return ExitCodes.Ok;
        });
        return create;
    }

    private static Command ListCommand(CliContext context, Option<string?> data)
    {
        var user = new Argument<string>("USER") { Description = "User name" };
        var list = new Command("list", "List a user's feed links, revoked ones included") { user };
        list.SetAction(async (parsed, ct) =>
        {
            await using var feeds = await FeedCommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var userName = parsed.GetRequiredValue(user);
            if (!ResourceNames.IsValidSegment(userName) || await feeds.Store.GetAccountAsync(userName, ct) is null)
            {
                await context.Error.WriteLineAsync($"error: no user '{userName}'");
                return ExitCodes.Failure;
            }
            await context.Out.WriteLineAsync("ID\tSCOPE\tCALENDAR\tCREATED\tSTATE\tURL");
            PageRequest? page = PageRequest.First(100);
            while (page is not null)
            {
                var links = await feeds.Store.ListFeedLinksAsync(userName, page, ct);
                foreach (var link in links.Items)
                {
                    var url = feeds.Tokens.TokenFor(link.TokenId) is { } token
                        ? FeedUrls.For(feeds.Settings.PublicBaseUrl, token, link.CollectionPath ?? userName).Https
                        : "-";
                    var state = link.RevokedAt is { } revoked ? "revoked " + InstantPattern.General.Format(revoked) : "active";
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{link.TokenId}\t{ScopeName(link.Scope)}\t{link.CollectionPath ?? "(all)"}\t{InstantPattern.General.Format(link.CreatedAt)}\t{state}\t{url}"));
                }
                page = links.NextRequest(100);
            }
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command RevokeCommand(CliContext context, Option<string?> data)
    {
        var user = new Argument<string>("USER") { Description = "User name" };
        var linkOrToken = new Argument<string>("LINK-OR-TOKEN") { Description = "The feed URL, its token, or the id shown by list" };
        var revoke = new Command("revoke", "Revoke a feed link; it stops working on the next request") { user, linkOrToken };
        revoke.SetAction(async (parsed, ct) =>
        {
            await using var feeds = await FeedCommandScope.OpenAsync(context, parsed.GetValue(data), ct);
            var userName = parsed.GetRequiredValue(user);
            var tokenId = FeedTokens.TokenIdFrom(parsed.GetRequiredValue(linkOrToken));
            var outcome = tokenId is null || !ResourceNames.IsValidSegment(userName)
                ? StoreOutcome.NotFound
                : await feeds.Store.RevokeFeedLinkAsync(userName, tokenId, ct);
            if (outcome != StoreOutcome.Ok)
            {
                await context.Error.WriteLineAsync($"error: {userName} has no such feed link");
                return ExitCodes.Failure;
            }
            await context.Error.WriteLineAsync($"revoked feed {tokenId}");
            return ExitCodes.Ok;
        });
        return revoke;
    }

    private static string ScopeName(FeedScope scope) => Scopes.First(pair => pair.Value == scope).Key;

    /// <summary>The store, the feed settings and the token key of one feed command.</summary>
    private sealed class FeedCommandScope : IAsyncDisposable
    {
        private readonly CommandScope _scope;

        private FeedCommandScope(CommandScope scope, FeedSettings settings, FeedTokens tokens)
        {
            _scope = scope;
            Settings = settings;
            Tokens = tokens;
        }

        public IStore Store => _scope.Store;

        public FeedSettings Settings { get; }

        public FeedTokens Tokens { get; }

        public static async Task<FeedCommandScope> OpenAsync(CliContext context, string? dataFolder, CancellationToken cancellationToken)
        {
            var configuration = ConfigurationSources.ForCommand(CommandScope.Overrides(context, dataFolder));
            var settings = FeedSettings.From(configuration);
            var scope = await CommandScope.OpenAsync(context, dataFolder, cancellationToken);
            return new FeedCommandScope(scope, settings, new FeedTokens(FeedSecret.Load(scope.Settings.DataFolder, settings.Secret)));
        }

        public ValueTask DisposeAsync() => _scope.DisposeAsync();
    }
}
