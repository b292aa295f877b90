using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AuroraTime.Reminders.Tests.Email;

/// <summary>A real SMTP server (python3-aiosmtpd) on a free loopback port, saving what it receives.</summary>
internal sealed class SmtpSink : IDisposable
{
    private readonly Process process;

    private SmtpSink(Process process, int port, string folder)
    {
        this.process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <param name="credentials">"user:password" to require AUTH.</param>
    /// <param name="extraArguments">More smtp_sink.py options (--tls, --mechanisms, --reply ...).</param>
    public static SmtpSink Start(string? credentials = null, params string[] extraArguments)
    {
        var folder = Directory.CreateTempSubdirectory("aurora-smtp-").FullName;
        var port = FreePort();
        var info = new ProcessStartInfo(PythonOracle.Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(PythonOracle.Script("smtp_sink.py"));
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(folder);
        if (credentials is not null)
        {
            info.ArgumentList.Add("--auth");
            info.ArgumentList.Add(credentials);
        }
        foreach (var argument in extraArguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        var ready = process.StandardOutput.ReadLineAsync();
        // Only against a hang: Python loading aiosmtpd on a loaded CI machine (2 cores, load 40) is slow.
        if (!ready.Wait(TimeSpan.FromMinutes(2)) || ready.Result != "ready")
        {
            process.Kill(true);
            throw new InvalidOperationException("aiosmtpd did not start: " + process.StandardError.ReadToEnd());
        }
        return new SmtpSink(process, port, folder);
    }

    /// <summary>The AUTH mechanisms that succeeded (auth.txt) or failed (auth-failed.txt), in order.</summary>
    public string[] AuthAttempts(bool succeeded = true)
    {
        var file = Path.Combine(Folder, succeeded ? "auth.txt" : "auth-failed.txt");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }

    public string[] Messages() => Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill(true);
            }
        }
        finally
        {
            process.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
