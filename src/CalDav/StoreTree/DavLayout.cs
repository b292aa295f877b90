using AuroraTime.CalDav.WebDav.Http;

namespace AuroraTime.CalDav.StoreTree;

/// <summary>
/// The URL layout: /principals/&lt;user&gt;/ (RFC 3744 principals) and /calendars/&lt;user&gt;/ (the
/// calendar home, RFC 4791 section 6.2.1) with calendars and plain collections below it.
/// </summary>
public static class DavLayout
{
    public const string Principals = "principals";
    public const string Calendars = "calendars";

    public static DavPath PrincipalPath(string user) => DavPath.Root.Append(DavSegment.FromName(Principals)).Append(DavSegment.FromName(user));

    public static DavPath HomePath(string user) => DavPath.Root.Append(DavSegment.FromName(Calendars)).Append(DavSegment.FromName(user));

    /// <summary>Absolute href of the principal of <paramref name="user"/> under a mount point.</summary>
    public static string PrincipalHref(string encodedBase, string user) => PrincipalPath(user).ToHref(encodedBase, isCollection: true);

    public static string HomeHref(string encodedBase, string user) => HomePath(user).ToHref(encodedBase, isCollection: true);

    public static string PrincipalsHref(string encodedBase) => DavPath.Root.Append(DavSegment.FromName(Principals)).ToHref(encodedBase, isCollection: true);

    /// <summary>The path of a stored collection ("work" or "litmus/sub") under the user's home.</summary>
    public static DavPath CollectionPath(string user, string collectionPath)
    {
        var path = HomePath(user);
        foreach (var segment in collectionPath.Split('/'))
        {
            path = path.Append(DavSegment.FromName(segment));
        }
        return path;
    }
}
