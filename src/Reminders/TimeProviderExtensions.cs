using NodaTime;

namespace AuroraTime.Reminders;

internal static class TimeProviderExtensions
{
    public static Instant Now(this TimeProvider time) => Instant.FromDateTimeOffset(time.GetUtcNow());
}
