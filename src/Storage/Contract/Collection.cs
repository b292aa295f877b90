using System.Collections.Immutable;
using NodaTime;

namespace AuroraTime.Storage.Contract;

public enum CollectionKind
{
    /// <summary>A plain WebDAV collection (RFC 4918) holding arbitrary resources and collections.</summary>
    Plain = 0,

    /// <summary>A CalDAV calendar collection (RFC 4791 section 4.2): members are calendar objects with unique UIDs.</summary>
    Calendar = 1,
}

/// <summary>
/// The live properties a client may set on a collection. All optional; null means "not set".
/// <see cref="SupportedComponents"/> is the RFC 4791 section 5.2.3 set (empty = server default).
/// <see cref="Color"/> is the Apple ICAL:calendar-color value (#RRGGBB[AA]); <see cref="TimeZone"/> is
/// the RFC 4791 section 5.2.2 VCALENDAR text with one VTIMEZONE.
/// </summary>
public sealed record CollectionProperties(
    string? DisplayName = null,
    string? Description = null,
    string? Color = null,
    int? Order = null,
    string? TimeZone = null,
    ImmutableArray<string> SupportedComponents = default)
{
    public static CollectionProperties Empty { get; } = new();

    public ImmutableArray<string> SupportedComponents { get; init; } =
        SupportedComponents.IsDefault ? ImmutableArray<string>.Empty : SupportedComponents;

    // ImmutableArray compares by reference; two property sets listing the same components are equal.
    public bool Equals(CollectionProperties? other) =>
        other is not null
        && DisplayName == other.DisplayName
        && Description == other.Description
        && Color == other.Color
        && Order == other.Order
        && TimeZone == other.TimeZone
        && SupportedComponents.SequenceEqual(other.SupportedComponents, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(DisplayName, Description, Color, Order, TimeZone, SupportedComponents.Length);
}

/// <summary>A collection as stored. <see cref="SyncToken"/> also serves as CS:getctag.</summary>
public sealed record StoredCollection(
    CollectionRef Ref,
    CollectionKind Kind,
    CollectionProperties Properties,
    Instant CreatedAt,
    SyncToken SyncToken);
