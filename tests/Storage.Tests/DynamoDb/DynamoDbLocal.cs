using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using AuroraTime.Storage.DynamoDb;

namespace AuroraTime.Storage.Tests.DynamoDb;

/// <summary>
/// AWS's DynamoDB Local (from the npm package amplify-dynamodb-simulator, installed by `npm ci` in this
/// folder) on a free loopback port, in memory, shared by the tests of one collection and stopped at
/// its end. Missing Java or the jar: the tests skip, except under CI=true where they fail.
/// </summary>
public sealed class DynamoDbLocal : IAsyncLifetime
{
    private const string JarFolder = "tests/Storage.Tests/DynamoDb/node_modules/amplify-dynamodb-simulator/emulator";
    private readonly ConcurrentBag<string> _emptyTables = [];
    private Process? _java;

    public static bool IsRequired => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>Why DynamoDB Local cannot run here, or null when it can.</summary>
    public static string? MissingReason { get; } = FindMissing();

    public Uri? ServiceUrl { get; private set; }

    public async Task InitializeAsync()
    {
        if (MissingReason is { } missing)
        {
            if (IsRequired)
            {
                throw new InvalidOperationException("CI=true and DynamoDB Local cannot run: " + missing);
            }

            return;
        }

        var port = FreePort();
        var emulator = FindJarFolder()!;
        // -disableTelemetry: DynamoDB Local 2.x otherwise reports usage to AWS from the test machine.
        _java = Process.Start(new ProcessStartInfo("java")
        {
            ArgumentList = { "-Djava.library.path=" + Path.Combine(emulator, "DynamoDBLocal_lib"), "-jar", Path.Combine(emulator, "DynamoDBLocal.jar"),
                "-inMemory", "-disableTelemetry", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            WorkingDirectory = emulator,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("java did not start.");
        _java.OutputDataReceived += (_, _) => { };
        _java.ErrorDataReceived += (_, _) => { };
        _java.BeginOutputReadLine();
        _java.BeginErrorReadLine();
        ServiceUrl = new Uri($"http://127.0.0.1:{port}");

        using var client = CreateClient();
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest());
                return;
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or SocketException or OperationCanceledException)
            {
                // Only against a hang: Java starting the emulator on a loaded CI machine (2 cores, load 40) takes long.
                if (_java.HasExited || started.Elapsed > TimeSpan.FromMinutes(4))
                {
                    throw new InvalidOperationException($"DynamoDB Local did not answer on {ServiceUrl} (exited: {_java.HasExited}).", e);
                }

                await Task.Delay(200);
            }
        }
    }

    /// <summary>A client on the emulator; each is another handle, like another process would have.</summary>
    public AmazonDynamoDBClient CreateClient() => new(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig
    {
        ServiceURL = (ServiceUrl ?? throw new InvalidOperationException("DynamoDB Local is not running: " + MissingReason)).ToString(),
        AuthenticationRegion = "us-east-1",
        RetryMode = RequestRetryMode.Standard,
        MaxErrorRetry = 3,
    });

    /// <summary>A new empty table of the store's shape.</summary>
    public async Task<string> CreateTableAsync()
    {
        var name = "aurora-" + Guid.NewGuid().ToString("N");
        using var client = CreateClient();
        await DynamoDbTable.CreateIfMissingAsync(client, name);
        return name;
    }

    /// <summary>
    /// An empty table of the store's shape: one a finished test gave back (emptied), else a new one.
    /// Creating a table with its three indexes is most of a short test's time on DynamoDB Local.
    /// </summary>
    public async Task<string> RentTableAsync() => _emptyTables.TryTake(out var table) ? table : await CreateTableAsync();

    /// <summary>Deletes every item of <paramref name="table"/> and keeps it for the next <see cref="RentTableAsync"/>.</summary>
    public async Task ReturnTableAsync(string table)
    {
        using var client = CreateClient();
        var keys = new List<Dictionary<string, AttributeValue>>();
        var scan = new ScanRequest { TableName = table, ProjectionExpression = "PK, SK", ConsistentRead = true };
        do
        {
            var page = await client.ScanAsync(scan);
            keys.AddRange(page.Items ?? []);
            scan.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (scan.ExclusiveStartKey is { Count: > 0 });

        foreach (var chunk in keys.Chunk(25))
        {
            var pending = new Dictionary<string, List<WriteRequest>>
            {
                [table] = chunk.Select(key => new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } }).ToList(),
            };
            while (pending.Count > 0)
            {
                pending = (await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending })).UnprocessedItems ?? [];
            }
        }

        _emptyTables.Add(table);
    }

    public Task DisposeAsync()
    {
        if (_java is { HasExited: false })
        {
            _java.Kill(entireProcessTree: true);
            _java.WaitForExit(10_000);
        }

        _java?.Dispose();
        return Task.CompletedTask;
    }

    private static string? FindMissing()
    {
        if (FindJarFolder() is null)
        {
            return $"{JarFolder}/DynamoDBLocal.jar is missing: run `npm ci` in tests/Storage.Tests/DynamoDb";
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "java")))
            ? null
            : "java is not on PATH: apt-get install default-jre-headless";
    }

    private static string? FindJarFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, JarFolder);
            if (File.Exists(Path.Combine(candidate, "DynamoDBLocal.jar")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class DynamoDbLocalCollection : ICollectionFixture<DynamoDbLocal>
{
    public const string Name = "DynamoDB Local";
}

/// <summary>A fact that needs DynamoDB Local: skipped with the reason when it is missing, except under CI=true.</summary>
internal sealed class DynamoDbLocalFactAttribute : FactAttribute
{
    public DynamoDbLocalFactAttribute()
    {
        if (!DynamoDbLocal.IsRequired && DynamoDbLocal.MissingReason is { } missing)
        {
            Skip = "DynamoDB Local is not available: " + missing + ".";
        }
    }
}
