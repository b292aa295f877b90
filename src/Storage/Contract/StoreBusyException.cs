namespace AuroraTime.Storage.Contract;

/// <summary>
/// A store could not complete an operation now but may later (lost optimistic races, throttling):
/// nothing was written, and the caller should try again. HTTP front ends answer 503 with Retry-After
/// (RFC 9110 sections 15.6.4 and 10.2.3).
/// </summary>
public class StoreBusyException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>How long a client should wait before retrying.</summary>
    public virtual TimeSpan RetryAfter => TimeSpan.FromSeconds(1);
}
