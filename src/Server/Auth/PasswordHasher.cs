using System.Security.Cryptography;
using System.Text;

namespace AuroraTime.Server.Auth;

/// <summary>
/// Hashes account and app passwords with PBKDF2-HMAC-SHA256 (a slow KDF from the framework, so no
/// extra package) and verifies them in constant time. Stored form:
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c>, so the cost can be
/// raised later without invalidating existing hashes.
/// </summary>
public sealed class PasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    private readonly int _iterations;

    public PasswordHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        _iterations = iterations;
    }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        var hash = Derive(password, salt, _iterations);
        return $"{Scheme}${_iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="stored"/>. A malformed stored
    /// value never matches. The final comparison is constant-time.
    /// </summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return false;
        }
        var actual = Derive(password, salt, iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Derive(string password, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored?.Split('$');
        if (parts is not { Length: 4 } || parts[0] != Scheme
            || !int.TryParse(parts[1], out iterations) || iterations < 1 || iterations > 10_000_000)
        {
            return false;
        }
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= 8 && hash.Length == HashBytes;
    }
}
