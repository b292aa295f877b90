using System.Collections.Concurrent;

namespace AuroraTime.Server.Web;

/// <summary>
/// Session ids signed out before their cookie expired. A cookie session cannot be recalled from the
/// browser that holds it, so sign-out also remembers the id here until its expiry. Held in memory: after
/// a restart a copied cookie of a signed-out session works again until it expires (at most
/// Web:SessionHours); a password change ends every session for good (the cookie carries its fingerprint).
/// </summary>
public sealed class SignedOutSessions(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ids = new(StringComparer.Ordinal);

    public void Add(WebSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = clock.GetUtcNow();
        foreach (var pair in _ids)
        {
            if (pair.Value <= now)
            {
                _ids.TryRemove(pair);
            }
        }
        _ids[session.SessionId] = session.ExpiresAt;
    }

    public bool Contains(string sessionId) => _ids.ContainsKey(sessionId);
}
