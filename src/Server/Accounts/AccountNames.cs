namespace AuroraTime.Server.Accounts;

/// <summary>
/// What a user name and a chosen password may be. A user name becomes a URL segment
/// (/dav/NAME/...) and the user-id of Basic auth, which cannot contain ':' (RFC 7617 section 2), so
/// it is limited to letters, digits and . _ - @ + (e-mail addresses fit).
/// </summary>
public static class AccountNames
{
    public const int MaxUserNameLength = 64;
    public const int MinPasswordLength = 8;

    public static bool IsValidUserName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxUserNameLength
        && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+');

    /// <summary>Null when acceptable, else why not.</summary>
    public static string? CheckPassword(string password) =>
        password.Length < MinPasswordLength ? $"a password needs at least {MinPasswordLength} characters"
        : password.Any(char.IsControl) ? "a password cannot contain control characters"
        : null;
}
