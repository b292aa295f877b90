using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using AuroraTime.CalDav.CalDav;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.StoreTree;

/// <summary>
/// Maps the collection properties the store keeps in columns (<see cref="CollectionProperties"/>)
/// to and from their XML elements; everything else is a dead property stored verbatim.
/// </summary>
internal static class StoredPropertyMap
{
    public static readonly IReadOnlySet<XName> ColumnProperties = new HashSet<XName>
    {
        DavNames.DisplayName, CalDavNames.CalendarDescription, CalDavNames.CalendarColor,
        CalDavNames.CalendarOrder, CalDavNames.CalendarTimezone, CalDavNames.SupportedCalendarComponentSet,
    };

    public static IEnumerable<XElement> ToElements(CollectionProperties properties)
    {
        if (properties.DisplayName is { } name)
        {
            yield return new XElement(DavNames.DisplayName, name);
        }
        if (properties.Description is { } description)
        {
            yield return new XElement(CalDavNames.CalendarDescription, description);
        }
        if (properties.Color is { } color)
        {
            yield return new XElement(CalDavNames.CalendarColor, color);
        }
        if (properties.Order is { } order)
        {
            yield return new XElement(CalDavNames.CalendarOrder, order.ToString(CultureInfo.InvariantCulture));
        }
        if (properties.TimeZone is { } timeZone)
        {
            yield return new XElement(CalDavNames.CalendarTimezone, timeZone);
        }
    }

    /// <summary>Applies the column changes of a patch; returns the rest (dead property changes).</summary>
    public static CollectionProperties Apply(CollectionProperties properties, IEnumerable<DavPropertyChange> changes, List<DavPropertyChange> dead)
    {
        foreach (var change in changes)
        {
            var text = change.Value?.Value;
            if (change.Name == DavNames.DisplayName)
            {
                properties = properties with { DisplayName = text };
            }
            else if (change.Name == CalDavNames.CalendarDescription)
            {
                properties = properties with { Description = text };
            }
            else if (change.Name == CalDavNames.CalendarColor)
            {
                properties = properties with { Color = text };
            }
            else if (change.Name == CalDavNames.CalendarOrder)
            {
                properties = properties with { Order = text is null ? null : int.Parse(text, CultureInfo.InvariantCulture) };
            }
            else if (change.Name == CalDavNames.CalendarTimezone)
            {
                properties = properties with { TimeZone = text };
            }
            else if (change.Name == CalDavNames.SupportedCalendarComponentSet)
            {
                var names = change.Value?.Elements(CalDavNames.Comp).Select(c => (string?)c.Attribute("name")).OfType<string>().Select(n => n.ToUpperInvariant());
                properties = properties with { SupportedComponents = names is null ? [] : [.. names] };
            }
            else
            {
                dead.Add(change);
            }
        }
        return properties;
    }

    public static DeadPropertyChange ToDead(DavPropertyChange change) =>
        new(change.Name.ToString(), change.Value?.ToString(SaveOptions.DisableFormatting));

    public static IEnumerable<XElement> ParseDead(IReadOnlyDictionary<string, string>? stored)
    {
        foreach (var (_, xml) in stored ?? ImmutableDictionary<string, string>.Empty)
        {
            XElement? element;
            try
            {
                element = XElement.Parse(xml, LoadOptions.PreserveWhitespace);
            }
            catch (System.Xml.XmlException)
            {
                continue; // written by us, so never expected; skip rather than fail a PROPFIND.
            }
            yield return element;
        }
    }
}
