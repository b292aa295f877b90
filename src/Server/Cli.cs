namespace AuroraTime.Server;

/// <summary>The `aurora` command line. `serve` runs the server on the embedded default.</summary>
internal static class Cli
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "serve")
        {
            Console.Error.WriteLine("usage: aurora serve [--urls URL] [--data DIR]");
            return 2;
        }
        var app = ServerHost.Build(args[1..]);
        await app.RunAsync();
        return 0;
    }
}
