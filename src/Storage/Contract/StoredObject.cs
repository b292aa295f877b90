using NodaTime;

namespace AuroraTime.Storage.Contract;

/// <summary>
/// What the caller gives the store to write. <see cref="Uid"/>, <see cref="ComponentType"/> and the
/// occurrence bounds are computed by the caller with the iCalendar engine (null for non-calendar
/// resources). <see cref="FirstOccurrence"/> null = unbounded in the past (e.g. a VTODO without dates
/// matches every range, RFC 4791 section 9.9); <see cref="LastOccurrence"/> null = unbounded (an
/// infinite RRULE). The store treats them only as a prefilter. <see cref="InstanceIndex"/> is opaque to the
/// store: bytes the caller derived from <see cref="Data"/> (CalDAV: every VEVENT instance, so a time-range
/// query needs no parse), kept with the data and returned with it; a store may drop it, and callers then
/// fall back to parsing the data.
/// </summary>
public sealed record ObjectContent(
    ReadOnlyMemory<byte> Data,
    string ContentType,
    string? Uid = null,
    string? ComponentType = null,
    Instant? FirstOccurrence = null,
    Instant? LastOccurrence = null,
    byte[]? InstanceIndex = null);

/// <summary>A stored resource's metadata, without its bytes (PROPFIND listings).</summary>
public sealed record ObjectSummary(
    string Href,
    string? Uid,
    string? ComponentType,
    string ContentType,
    ETag ETag,
    long Size,
    Instant LastModified,
    Instant? FirstOccurrence,
    Instant? LastOccurrence);

/// <summary>A stored resource with its bytes (GET, multiget, query candidates).</summary>
public sealed record StoredObject(ObjectSummary Summary, ReadOnlyMemory<byte> Data)
{
    /// <summary>The <see cref="ObjectContent.InstanceIndex"/> written with these bytes; null when none was kept.</summary>
    public byte[]? InstanceIndex { get; init; }

    public string Href => Summary.Href;

    public ETag ETag => Summary.ETag;
}

/// <summary>
/// The coarse time-range prefilter (RFC 4791 section 9.9): objects whose [first, last] occurrence
/// span touches [<see cref="Start"/>, <see cref="End"/>], optionally of one component type. The bounds
/// are inclusive: this returns candidates, and the caller applies the exact test.
/// </summary>
public sealed record TimeRangeQuery(Instant? Start, Instant? End, string? ComponentType = null);
