using NodaTime;

namespace AuroraTime.Storage.Contract;

/// <summary>
/// A local account. <see cref="PasswordHash"/> is produced and verified by the auth layer; the store
/// only keeps the string.
/// </summary>
public sealed record Account(string UserName, string PasswordHash, Instant CreatedAt, AccountSettings Settings);

/// <summary>
/// Per-account preferences. <see cref="TimeZoneId"/> is an IANA zone id used for floating times and
/// feeds (null = server default). <see cref="EmailDisplayAlarms"/>: turn DISPLAY alarms into emails
/// (default on).
/// </summary>
public sealed record AccountSettings(string? TimeZoneId = null, bool EmailDisplayAlarms = true)
{
    public static AccountSettings Default { get; } = new();
}

/// <summary>
/// A per-device password for CalDAV clients (Basic auth). Only the hash is stored; the secret is
/// shown once when minted.
/// </summary>
public sealed record AppPassword(string Id, string UserName, string Label, string Hash, Instant CreatedAt, Instant? LastUsedAt);

/// <summary>What a feed link exposes of the events it publishes.</summary>
public enum FeedScope
{
    /// <summary>Everything.</summary>
    Full = 0,

    /// <summary>Only busy blocks (times, "Busy", opaque UIDs), no titles or details; transparent events left out.</summary>
    BusyOnly = 1,

    /// <summary>Times, titles and status, without people, places, notes or alarms; CLASS:PRIVATE/CONFIDENTIAL events become busy blocks.</summary>
    NoPrivate = 2,
}

/// <summary>
/// A secret feed URL (webcal) token. <see cref="CollectionPath"/> null means all calendars of the
/// account. Revoked links are kept (with <see cref="RevokedAt"/>) so that listings can show them; the feed
/// answers a revoked link with the same 404 as an unknown token, from the first request after the revocation.
/// </summary>
public sealed record FeedLink(string TokenId, string UserName, string? CollectionPath, FeedScope Scope, Instant CreatedAt, Instant? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
