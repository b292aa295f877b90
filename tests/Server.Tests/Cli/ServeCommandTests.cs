using AuroraTime.Server.Auth;
using AuroraTime.Server.Cli;
using AuroraTime.Server.Tests.Support;
using Microsoft.AspNetCore.TestHost;

namespace AuroraTime.Server.Tests.Cli;

public class ServeCommandTests
{
    /// <param name="expectOutput">Wait for the one-time password line rather than a fixed pause.</param>
    private static async Task<(int Exit, string Out)> ServeUntilStartedAsync(string dataFolder, bool expectOutput)
    {
        var text = new StringWriter();
        var output = TextWriter.Synchronized(text);
        var context = new CliContext(TextReader.Null, output, TextWriter.Null, CliRunner.FastHashing,
            builder => builder.WebHost.UseTestServer());
        using var stop = new CancellationTokenSource();
        var run = AuroraCli.RunAsync(["serve", "--data", dataFolder], context, stop.Token);
        // Started once the store file exists and the first-run step has printed (or skipped) its line.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!run.IsCompleted && DateTime.UtcNow < deadline
               && (expectOutput ? !Snapshot(text, output).Contains('\n') : !File.Exists(Path.Combine(dataFolder, "aurora.db"))))
        {
            await Task.Delay(50);
        }
        await Task.Delay(500);
        await stop.CancelAsync();
        return (await run, Snapshot(text, output));
    }

    /// <summary>Reads the text under the writer's lock, so a line being written is not torn.</summary>
    private static string Snapshot(StringWriter text, TextWriter synchronizedWriter)
    {
        lock (synchronizedWriter)
        {
            return text.ToString();
        }
    }

    [Fact]
    public async Task The_first_start_on_an_empty_data_folder_creates_admin_and_prints_its_password_once()
    {
        using var data = new TempDataFolder();

        var first = await ServeUntilStartedAsync(data.Path, expectOutput: true);
        var second = await ServeUntilStartedAsync(data.Path, expectOutput: false);

        Assert.Equal(ExitCodes.Ok, first.Exit);
        Assert.True(first.Out.Trim().Length > 0, "no output: [" + first.Out + "]");
        var password = first.Out.Trim();
        Assert.True(PasswordHasher.Verify(password, (await StoreAccess.AccountAsync(data.Path, "admin"))!.PasswordHash), "printed: [" + first.Out + "]");
        Assert.Equal(ExitCodes.Ok, second.Exit);
        Assert.DoesNotContain(password, second.Out);
    }
}
