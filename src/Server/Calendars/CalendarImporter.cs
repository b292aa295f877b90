using System.Security.Cryptography;
using System.Text;
using AuroraTime.CalDav.CalDav.Time;
using AuroraTime.Ical;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.TimeZones;
using AuroraTime.Ical.Validation;
using AuroraTime.Ical.Writing;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Server.Calendars;

/// <summary>
/// Imports an iCalendar file into a calendar of an account: split per UID
/// (<see cref="CalendarSplitter"/>), each object created, or replaced when the calendar already has
/// its UID (so importing the same file twice changes nothing). Creates the calendar when missing.
/// Each object passes the same RFC 4791 section 4.1 validation as a PUT, and gets its occurrence
/// bounds from the CalDAV time engine so time-range queries prefilter it like any other object.
/// </summary>
public sealed class CalendarImporter(IStore store, ICalendarTimeEngine timeEngine, DateTimeZone floatingZone)
{
    public const string CalendarContentType = "text/calendar; charset=utf-8";

    public async Task<ImportReport> ImportAsync(string userName, string calendarName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport();
        if (!ResourceNames.IsValidSegment(calendarName))
        {
            report.Errors.Add(new SplitError(0, $"'{calendarName}' is not a valid calendar name"));
            return report;
        }
        if (await store.GetAccountAsync(userName, cancellationToken) is null)
        {
            report.Errors.Add(new SplitError(0, $"no user '{userName}'"));
            return report;
        }
        var calendar = new CollectionRef(userName, calendarName);
        if (!await EnsureCalendarAsync(calendar, report, cancellationToken))
        {
            return report;
        }

        SplitResult split;
        try
        {
            split = CalendarSplitter.Split(CalendarParser.Parse(content.Span, IcalReaderOptions.Lenient));
        }
        catch (IcalFormatException e)
        {
            report.Errors.Add(new SplitError(e.Line, e.Reason));
            return report;
        }
        report.Errors.AddRange(split.Errors);
        if (store is IBatchObjectWriter batchWriter)
        {
            await new BatchedImport(store, batchWriter, calendar, report).RunAsync(split.Objects.Select(Prepare), cancellationToken);
            return report;
        }
        foreach (var item in split.Objects)
        {
            await StoreObjectAsync(calendar, Prepare(item), report, cancellationToken);
        }
        return report;
    }

    private async Task<bool> EnsureCalendarAsync(CollectionRef calendar, ImportReport report, CancellationToken cancellationToken)
    {
        var existing = await store.GetCollectionAsync(calendar, cancellationToken);
        if (existing is not null)
        {
            if (existing.Kind == CollectionKind.Calendar)
            {
                return true;
            }
            report.Errors.Add(new SplitError(0, $"'{calendar.Path}' exists and is not a calendar"));
            return false;
        }
        var outcome = await store.CreateCollectionAsync(calendar, CollectionKind.Calendar, new CollectionProperties(DisplayName: calendar.Name), cancellationToken);
        report.CalendarCreated = outcome == StoreOutcome.Created;
        return outcome is StoreOutcome.Created or StoreOutcome.AlreadyExists;
    }

    /// <summary>Validates one object as a PUT would and computes what the store keeps; or the error to report.</summary>
    private PreparedImport Prepare(SplitObject item)
    {
        var validation = CalDavObjectValidator.Validate(item.Calendar, ValidationOptions);
        if (!validation.IsValid)
        {
            var line = validation.Line > 0 ? validation.Line : item.Line;
            // The validator's message may already start with the position; the report puts it in front once.
            var message = validation.Message ?? "invalid calendar object";
            var prefix = $"line {line}: ";
            return new PreparedImport(item, null, new SplitError(line, $"UID {item.Uid}: {(message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message)}"));
        }
        var (first, last) = timeEngine.Bounds(item.Calendar, floatingZone);
        var bytes = CalendarSerializer.Serialize(item.Calendar);
        if (bytes.Length > store.Limits.MaxObjectSize)
        {
            return new PreparedImport(item, null, TooLargeError(item));
        }
        return new PreparedImport(item, new ObjectContent(bytes, CalendarContentType, item.Uid, item.ComponentType, first, last, timeEngine.EventInstanceIndex(item.Calendar)), null);
    }

    internal static SplitError TooLargeError(SplitObject item) => new(item.Line, $"UID {item.Uid}: the object is larger than the server accepts");

    private async Task StoreObjectAsync(CollectionRef calendar, PreparedImport prepared, ImportReport report, CancellationToken cancellationToken)
    {
        if (prepared.Error is { } error)
        {
            report.Errors.Add(error);
            return;
        }
        var (item, content) = (prepared.Item, prepared.Content!);
        var existingHref = await store.FindHrefByUidAsync(calendar, item.Uid, cancellationToken);
        WriteResult result;
        if (existingHref is not null)
        {
            result = await store.PutObjectAsync(calendar.Object(existingHref), content, WritePrecondition.IfMatchAny, cancellationToken);
        }
        else
        {
            result = await store.PutObjectAsync(calendar.Object(PreferredHref(item.Uid)), content, WritePrecondition.IfNoneMatchAny, cancellationToken);
            if (result.Outcome == StoreOutcome.PreconditionFailed)
            {
                // The readable name is held by another UID: fall back to one derived from the UID alone.
                result = await store.PutObjectAsync(calendar.Object(HashedHref(item.Uid)), content, WritePrecondition.None, cancellationToken);
            }
        }
        switch (result.Outcome)
        {
            case StoreOutcome.Created:
                report.Created++;
                break;
            case StoreOutcome.Updated:
                report.Updated++;
                break;
            case StoreOutcome.TooLarge:
                report.Errors.Add(TooLargeError(item));
                break;
            default:
                report.Errors.Add(new SplitError(item.Line, $"UID {item.Uid}: not stored ({result.Outcome})"));
                break;
        }
    }

    /// <summary>As lenient as a PUT (CalendarObjectPreparer): VERSION and DTSTAMP may be missing, TZIDs must resolve.</summary>
    private static readonly CalDavValidationOptions ValidationOptions = CalDavValidationOptions.Lenient with
    {
        IsKnownTimeZone = tzid => TimeZoneResolver.Default.Find(tzid) is not null,
    };

    /// <summary>The UID itself when it is a plain, URL-safe name, else a digest of it.</summary>
    internal static string PreferredHref(string uid) =>
        uid.Length <= 200 && uid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && uid[0] != '.'
            ? uid + ".ics"
            : HashedHref(uid);

    internal static string HashedHref(string uid) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uid))[..16]) + ".ics";
}

/// <summary>One object of the file, ready to store (<see cref="Content"/>) or refused (<see cref="Error"/>).</summary>
internal sealed record PreparedImport(SplitObject Item, ObjectContent? Content, SplitError? Error);

/// <summary>What an import did: counts and problems with their line numbers in the source file.</summary>
public sealed class ImportReport
{
    public int Created { get; set; }

    public int Updated { get; set; }

    public bool CalendarCreated { get; set; }

    public List<SplitError> Errors { get; } = [];
}
