namespace AuroraTime.Ical.Occurrences;

/// <summary>
/// Keeps the engine's promise that bad input only ever raises <see cref="IcalFormatException"/>:
/// dates near the ends of NodaTime's range overflow with ArgumentOutOfRangeException or
/// OverflowException deep inside arithmetic, and those are reported as format errors instead.
/// </summary>
internal static class FormatErrorGuard
{
    public static IEnumerable<T> Guard<T>(IEnumerable<T> source)
    {
        using var enumerator = Run(source.GetEnumerator);
        while (Run(enumerator.MoveNext))
        {
            yield return enumerator.Current;
        }
    }

    public static T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or OverflowException or ArgumentException and not ArgumentNullException)
        {
            throw new IcalFormatException($"date or duration out of the supported range ({error.Message})", 0, 0);
        }
    }
}
