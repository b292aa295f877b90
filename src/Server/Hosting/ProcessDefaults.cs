namespace AuroraTime.Server.Hosting;

/// <summary>
/// Defaults the <c>aurora</c> executable puts into its own environment before the host reads it.
/// <para>
/// ASP.NET Core's builder watches <c>appsettings.json</c> for changes unless
/// <c>hostBuilder:reloadConfigOnChange</c> is false, and it reads that switch only from DOTNET_ and
/// ASPNETCORE_ variables (appsettings.json and the command line are added after the decision). The
/// watcher is an inotify watch on every folder under the working directory: started from a repository
/// checkout (5,000 folders with node_modules) that cost 115 ms of CPU and 330 ms of wall time before
/// Kestrel listened, on every start (bench/coldstart/README.md). Nothing of ours re-reads settings, so
/// reloading only ever changed log levels. An explicit DOTNET_ or ASPNETCORE_ value still wins.
/// </para>
/// </summary>
public static class ProcessDefaults
{
    /// <summary>The switch, in environment-variable form, without its DOTNET_/ASPNETCORE_ prefix.</summary>
    public const string ReloadConfigOnChange = "hostBuilder__reloadConfigOnChange";

    /// <summary>The variable this class sets when neither prefixed form is set.</summary>
    public const string ReloadConfigOnChangeVariable = "DOTNET_" + ReloadConfigOnChange;

    /// <param name="read">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="write">Sets one (<see cref="Environment.SetEnvironmentVariable(string, string)"/>).</param>
    public static void Apply(Func<string, string?> read, Action<string, string> write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        if (read(ReloadConfigOnChangeVariable) is null && read("ASPNETCORE_" + ReloadConfigOnChange) is null)
        {
            write(ReloadConfigOnChangeVariable, "false");
        }
    }
}
