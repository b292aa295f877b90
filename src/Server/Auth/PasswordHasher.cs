using System.Security.Cryptography;
using System.Text;

namespace AuroraTime.Server.Auth;

/// <summary>
/// Hashes account and app passwords with PBKDF2-HMAC-SHA256 (a slow KDF from the framework, so no
/// extra package) and verifies them in constant time. Stored form:
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c>, so the cost can be
/// raised later without invalidating existing hashes.
/// App passwords are generated, not chosen (<see cref="Accounts.AppPasswordFormat"/>: 24 characters from 56,
/// about 139 bits), so they get one salted SHA-256 instead (<see cref="HashGeneratedSecret"/>): a slow KDF only
/// helps against guessable passwords, and 2^139 guesses stay out of reach at any hash speed. The KDF's 0.5-0.7 s
/// of CPU was paid by the first CalDAV request on every fresh process (a Lambda cold start, issue 6) and after
/// every credential-cache expiry. Stored form: <c>sha256-salted$&lt;salt base64&gt;$&lt;hash base64&gt;</c>.
/// </summary>
public sealed class PasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const string GeneratedSecretScheme = "sha256-salted";
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

    /// <summary>Hash of a machine-generated secret with at least 128 bits of entropy (an app password); never for a
    /// password a person chose.</summary>
    public static string HashGeneratedSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        return $"{GeneratedSecretScheme}${Convert.ToBase64String(salt)}${Convert.ToBase64String(DigestSecret(secret, salt))}";
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="stored"/>, a PBKDF2 hash. A malformed stored
    /// value never matches; neither does a <see cref="HashGeneratedSecret"/> hash, so an account password is
    /// never checked at SHA-256 speed. The final comparison is constant-time.
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

    /// <summary>
    /// True when <paramref name="secret"/> matches <paramref name="stored"/>: a <see cref="HashGeneratedSecret"/>
    /// hash, or a PBKDF2 one (app passwords minted before the generated-secret scheme keep theirs). Constant-time.
    /// </summary>
    public static bool VerifyGeneratedSecret(string secret, string stored)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!TryParseGeneratedSecret(stored, out var salt, out var expected))
        {
            return Verify(secret, stored);
        }
        return CryptographicOperations.FixedTimeEquals(DigestSecret(secret, salt), expected);
    }

    private static byte[] DigestSecret(string secret, ReadOnlySpan<byte> salt)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var salted = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(salted);
        secretBytes.CopyTo(salted.AsSpan(salt.Length));
        return SHA256.HashData(salted);
    }

    private static bool TryParseGeneratedSecret(string stored, out byte[] salt, out byte[] hash)
    {
        salt = hash = [];
        var parts = stored?.Split('$');
        return parts is { Length: 3 } && parts[0] == GeneratedSecretScheme
            && TryDecode(parts[1], parts[2], out salt, out hash);
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
        return TryDecode(parts[2], parts[3], out salt, out hash);
    }

    private static bool TryDecode(string saltText, string hashText, out byte[] salt, out byte[] hash)
    {
        salt = hash = [];
        try
        {
            salt = Convert.FromBase64String(saltText);
            hash = Convert.FromBase64String(hashText);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= 8 && hash.Length == HashBytes;
    }
}
