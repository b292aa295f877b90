namespace AuroraTime.Server.Accounts;

/// <summary>
/// App passwords read <c>&lt;id&gt;-&lt;secret&gt;</c> (8 hex digits, a dash, 24 letters), so sign-in
/// verifies exactly one stored hash instead of trying every app password of the account with the
/// slow KDF. The id is not secret; the hash covers the whole string.
/// </summary>
internal static class AppPasswordFormat
{
    public const int IdLength = 8;
    private const int SecretLength = 24;

    public static string Create(out string id)
    {
        id = SecretGenerator.HexId(IdLength);
        return id + "-" + SecretGenerator.Password();
    }

    /// <summary>The id part when <paramref name="password"/> has the app password shape.</summary>
    public static bool TryGetId(string password, out string id)
    {
        id = string.Empty;
        if (password.Length != IdLength + 1 + SecretLength || password[IdLength] != '-')
        {
            return false;
        }
        var candidate = password[..IdLength];
        if (!candidate.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }
        id = candidate;
        return true;
    }
}
