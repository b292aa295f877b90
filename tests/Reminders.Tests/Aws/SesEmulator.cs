using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// aws-ses-v2-local (npm, pinned in package.json) on a free loopback port for one test; stopped
/// (by its own process id) on dispose. It answers SES v2 SendEmail and lists what it got at GET /store.
/// </summary>
internal sealed class SesEmulator : IAsyncDisposable
{
    private readonly Process process;

    private SesEmulator(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<SesEmulator> StartAsync()
    {
        var port = FreePort();
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = NodeTools.Folder };
        foreach (var argument in new[] { Path.Combine("node_modules", "aws-ses-v2-local", "dist", "cli.js"), "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new SesEmulator(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        // Only against a hang: node loading the emulator on a loaded CI machine (2 cores, load 40) is slow.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(emulator.Endpoint, "store"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return emulator;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                await emulator.DisposeAsync();
                throw new InvalidOperationException("aws-ses-v2-local did not start within 2 minutes");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The "emails" array of GET /store.</summary>
    public async Task<JsonElement> EmailsAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(Endpoint, "store"));
        return JsonDocument.Parse(text).RootElement.GetProperty("emails").Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
