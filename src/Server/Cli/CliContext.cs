namespace AuroraTime.Server.Cli;

/// <summary>
/// Where a CLI run reads and writes, and extra settings: the process console for the real
/// executable, string readers and writers for in-process tests.
/// </summary>
/// <param name="Settings">Configuration values that win over files and environment (tests lower the KDF cost with it).</param>
/// <param name="ConfigureHost">Applied to the web host of <c>serve</c> after the CLI's own settings.</param>
public sealed record CliContext(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string?>? Settings = null,
    Action<WebApplicationBuilder>? ConfigureHost = null)
{
    public static CliContext FromConsole() => new(Console.In, Console.Out, Console.Error);
}
