using AuroraTime.Server.Accounts;
using AuroraTime.Server.Auth;
using AuroraTime.Server.Configuration;
using AuroraTime.Server.Hosting;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Cli;

/// <summary>
/// What one subcommand works with: the settings (files, environment, --data) and the store of the
/// data folder, opened next to a running server (SQLite WAL lets both write).
/// </summary>
internal sealed class CommandScope : IAsyncDisposable
{
    private CommandScope(AuroraSettings settings, IStore store)
    {
        Settings = settings;
        Store = store;
        Accounts = new AccountAdministration(store, new PasswordHasher(settings.Pbkdf2Iterations));
    }

    public AuroraSettings Settings { get; }

    public IStore Store { get; }

    public AccountAdministration Accounts { get; }

    public static async Task<CommandScope> OpenAsync(CliContext context, string? dataFolder, CancellationToken cancellationToken)
    {
        var settings = AuroraSettings.From(ConfigurationSources.ForCommand(Overrides(context, dataFolder)));
        return new CommandScope(settings, await StoreFactory.OpenAsync(settings, cancellationToken));
    }

    /// <summary>The context's settings plus --data when given.</summary>
    public static Dictionary<string, string?> Overrides(CliContext context, string? dataFolder)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in context.Settings ?? new Dictionary<string, string?>())
        {
            overrides[pair.Key] = pair.Value;
        }
        if (!string.IsNullOrWhiteSpace(dataFolder))
        {
            overrides["Data"] = dataFolder;
        }
        return overrides;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
