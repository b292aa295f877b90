using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>Finds the writable parent collection a new member goes into.</summary>
internal static class TargetParent
{
    /// <summary>
    /// RFC 4918 9.3.1 / 9.7.1: a missing parent (or one that is not a collection) is 409 Conflict;
    /// a parent that accepts no members is 403.
    /// </summary>
    public static async ValueTask<IDavWritableCollection> GetAsync(DavRequest request, DavPath path)
    {
        if (path.Parent is not { } parentPath)
        {
            throw new DavException(403, null, "The root cannot be replaced.");
        }
        var parent = await request.Tree.GetNodeAsync(parentPath, request.Aborted);
        return parent switch
        {
            IDavWritableCollection writable => writable,
            IDavCollection => throw new DavException(403, null, "This collection does not accept new members."),
            _ => throw new DavException(409, null, "The parent collection does not exist."),
        };
    }
}
