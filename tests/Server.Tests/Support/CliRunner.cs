using AuroraTime.Server.Cli;

namespace AuroraTime.Server.Tests.Support;

/// <summary>Runs the aurora CLI in-process with captured standard streams and a cheap password hash.</summary>
public static class CliRunner
{
    /// <summary>Tests lower the PBKDF2 cost; the stored format records it, so verification is the same code.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastHashing = new Dictionary<string, string?>
    {
        ["Auth:Pbkdf2Iterations"] = "1000",
    };

    public static async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(new StringReader(stdin), output, error, FastHashing);
        var exitCode = await AuroraCli.RunAsync(args, context);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The last non-empty line of standard output (where one-time secrets are printed).</summary>
    public string LastLine => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
