using Microsoft.Extensions.Configuration;

namespace AuroraTime.Server.Configuration;

/// <summary>
/// The server's settings, read from configuration (appsettings.json, environment variables with the
/// AURORA_ prefix or ASP.NET Core's usual ones, then the command line). Keys use ':' in JSON and
/// '__' in environment variables, e.g. <c>AURORA_Auth__CacheSeconds=60</c>.
/// </summary>
public sealed record AuroraSettings
{
    /// <summary>Prefix of AuroraTime's own environment variables (<c>AURORA_DATA=/var/lib/aurora</c>).</summary>
    public const string EnvironmentPrefix = "AURORA_";

    /// <summary>File name of the SQLite database inside the data folder.</summary>
    public const string DatabaseFileName = "aurora.db";

    /// <summary>Key <c>Data</c>: the data folder holding the SQLite file.</summary>
    public string DataFolder { get; init; } = "data";

    /// <summary>Key <c>Limits:MaxResourceBytes</c>: largest calendar object or file (PUT body).</summary>
    public long MaxResourceBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Key <c>Auth:Pbkdf2Iterations</c>: cost of new password hashes (existing ones keep theirs).</summary>
    public int Pbkdf2Iterations { get; init; } = Auth.PasswordHasher.DefaultIterations;

    /// <summary>Key <c>Auth:CacheSeconds</c>: how long a verified credential skips the slow hash (0 = never).</summary>
    public int AuthCacheSeconds { get; init; } = 300;

    /// <summary>Key <c>Auth:FailureBurst</c>: failed sign-ins allowed per user and address before 429.</summary>
    public int AuthFailureBurst { get; init; } = 10;

    /// <summary>Key <c>Auth:FailureRefillSeconds</c>: seconds after which one more failed attempt is allowed.</summary>
    public double AuthFailureRefillSeconds { get; init; } = 6;

    /// <summary>Keys <c>Store</c> and <c>DynamoDb:*</c>: the store backend (see Hosting/StoreSettings.cs).</summary>
    public Hosting.StoreSettings Store { get; init; } = new();

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataFolder), DatabaseFileName);

    public static AuroraSettings From(IConfiguration configuration)
    {
        var defaults = new AuroraSettings();
        return new AuroraSettings
        {
            DataFolder = NonEmpty(configuration["Data"]) ?? defaults.DataFolder,
            MaxResourceBytes = configuration.GetValue("Limits:MaxResourceBytes", defaults.MaxResourceBytes),
            Pbkdf2Iterations = configuration.GetValue("Auth:Pbkdf2Iterations", defaults.Pbkdf2Iterations),
            AuthCacheSeconds = configuration.GetValue("Auth:CacheSeconds", defaults.AuthCacheSeconds),
            AuthFailureBurst = configuration.GetValue("Auth:FailureBurst", defaults.AuthFailureBurst),
            AuthFailureRefillSeconds = configuration.GetValue("Auth:FailureRefillSeconds", defaults.AuthFailureRefillSeconds),
            Store = Hosting.StoreSettings.From(configuration),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
