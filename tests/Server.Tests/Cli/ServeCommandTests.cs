using AuroraTime.Server.Auth;
using AuroraTime.Server.Cli;
using AuroraTime.Server.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuroraTime.Server.Tests.Cli;

public class ServeCommandTests
{
    /// <summary>
    /// Runs <c>aurora serve</c> until its host has started, then stops it. The first-run step (which
    /// prints the one-time password) runs before the host starts its services, so a hosted service's
    /// start is the signal; no pause of a guessed length, which a loaded machine can outlast.
    /// </summary>
    private static async Task<(int Exit, string Out)> ServeUntilStartedAsync(string dataFolder)
    {
        var output = new StringWriter();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new CliContext(TextReader.Null, TextWriter.Synchronized(output), TextWriter.Null, CliRunner.FastHashing,
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.AddHostedService(_ => new StartedSignal(started));
            });
        using var stop = new CancellationTokenSource();
        var run = AuroraCli.RunAsync(["serve", "--data", dataFolder], context, stop.Token);
        // Only against a hang: the run ends (an error) or starts.
        await Task.WhenAny(run, started.Task).WaitAsync(TimeSpan.FromMinutes(2));
        await stop.CancelAsync();
        var exit = await run;
        return (exit, output.ToString());
    }

    private sealed class StartedSignal(TaskCompletionSource started) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            started.TrySetResult();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task The_first_start_on_an_empty_data_folder_creates_admin_and_prints_its_password_once()
    {
        using var data = new TempDataFolder();

        var first = await ServeUntilStartedAsync(data.Path);
        var second = await ServeUntilStartedAsync(data.Path);

        Assert.Equal(ExitCodes.Ok, first.Exit);
        Assert.True(first.Out.Trim().Length > 0, "no output: [" + first.Out + "]");
        var password = first.Out.Trim();
        Assert.True(PasswordHasher.Verify(password, (await StoreAccess.AccountAsync(data.Path, "admin"))!.PasswordHash), "printed: [" + first.Out + "]");
        Assert.Equal(ExitCodes.Ok, second.Exit);
        Assert.DoesNotContain(password, second.Out);
    }
}
