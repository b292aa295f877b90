using NodaTime;

namespace AuroraTime.CalDav.CalDav.Filters;

/// <summary>CALDAV:time-range (RFC 4791 section 9.9): UTC bounds, either may be open.</summary>
public sealed record TimeRangeFilter(Instant? Start, Instant? End);

/// <summary>CALDAV:text-match (RFC 4791 section 9.7.5): substring match under a collation.</summary>
public sealed record TextMatchFilter(string Text, string Collation, bool Negate);

/// <summary>CALDAV:param-filter (RFC 4791 section 9.7.3).</summary>
public sealed record ParamFilter(string Name, bool IsNotDefined, TextMatchFilter? TextMatch);

/// <summary>CALDAV:prop-filter (RFC 4791 section 9.7.2).</summary>
public sealed record PropFilter(string Name, bool IsNotDefined, TimeRangeFilter? TimeRange, TextMatchFilter? TextMatch, IReadOnlyList<ParamFilter> ParamFilters, bool AllOf);

/// <summary>CALDAV:comp-filter (RFC 4791 section 9.7.1).</summary>
public sealed record CompFilter(string Name, bool IsNotDefined, TimeRangeFilter? TimeRange, IReadOnlyList<PropFilter> PropFilters, IReadOnlyList<CompFilter> CompFilters, bool AllOf);
