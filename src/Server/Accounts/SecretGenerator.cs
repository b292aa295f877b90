using System.Security.Cryptography;

namespace AuroraTime.Server.Accounts;

/// <summary>Random secrets from the OS CSPRNG, in an alphabet that survives shells, URLs and Basic auth.</summary>
internal static class SecretGenerator
{
    private const string Alphanumeric = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const string Hex = "0123456789abcdef";

    /// <summary>24 characters from a 57-letter alphabet: about 140 bits.</summary>
    public static string Password() => RandomNumberGenerator.GetString(Alphanumeric, 24);

    public static string HexId(int length) => RandomNumberGenerator.GetString(Hex, length);
}
