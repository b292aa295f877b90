using AuroraTime.Ical.Model;

namespace AuroraTime.Ical.TimeRange;

internal static class ComponentGroups
{
    /// <summary>
    /// The VCALENDAR's components with one of <paramref name="names"/>, grouped by UID so that a
    /// master and its overrides expand together; components without UID stand alone.
    /// </summary>
    public static IEnumerable<IReadOnlyList<CalendarComponent>> ByUid(CalendarComponent vcalendar, params string[] names)
    {
        var groups = new Dictionary<string, List<CalendarComponent>>(StringComparer.Ordinal);
        var order = new List<List<CalendarComponent>>();
        foreach (var component in vcalendar.Components)
        {
            if (!names.Contains(component.Name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            var uid = component.GetProperty("UID")?.RawValue;
            if (uid is null)
            {
                order.Add([component]);
                continue;
            }
            var key = component.Name.ToUpperInvariant() + "\n" + uid;
            if (!groups.TryGetValue(key, out var group))
            {
                group = [];
                groups[key] = group;
                order.Add(group);
            }
            group.Add(component);
        }
        return order;
    }
}
