using AuroraTime.Storage.Contract;

namespace AuroraTime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>The href under which a collection's own dead properties are kept.</summary>
    private const string CollectionItself = "";

    public Task<IReadOnlyDictionary<string, string>?> GetDeadPropertiesAsync(CollectionRef collection, string? resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var href = resource is null ? CollectionItself : ResourceNames.CheckHref(resource, nameof(resource));
        // Behind the read cache: PROPFIND asks for them on every collection it answers for.
        return CachedReadAsync(new ReadKey(ReadKind.DeadProperties, collection.UserName, collection.Path, resource), () => Read<IReadOnlyDictionary<string, string>?>(session =>
        {
            var row = FindCollection(session, collection.UserName, collection.Path);
            if (row is null || (resource is not null && FindObjectTag(session, row.Id, href) is null))
            {
                return null;
            }

            using var reader = session.Command("SELECT name, value FROM dead_properties WHERE collection_id = $id AND href = $href")
                .With("$id", row.Id).With("$href", href).ExecuteReader();
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                properties[reader.GetString(0)] = reader.GetString(1);
            }

            return properties;
        }, snapshot: true), properties => properties.Sum(p => (p.Key.Length + p.Value.Length) * 2), cancellationToken);
    }

    public Task<StoreOutcome> PatchDeadPropertiesAsync(CollectionRef collection, string? resource, IReadOnlyList<DeadPropertyChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(changes);
        var href = resource is null ? CollectionItself : ResourceNames.CheckHref(resource, nameof(resource));
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change, nameof(changes));
            ArgumentException.ThrowIfNullOrEmpty(change.Name, nameof(changes));
        }

        return WriteAsync(session =>
        {
            var row = FindCollection(session, collection.UserName, collection.Path);
            if (row is null || (resource is not null && FindObjectTag(session, row.Id, href) is null))
            {
                return StoreOutcome.NotFound;
            }

            foreach (var change in changes)
            {
                if (change.Value is null)
                {
                    session.Command("DELETE FROM dead_properties WHERE collection_id = $id AND href = $href AND name = $name")
                        .With("$id", row.Id).With("$href", href).With("$name", change.Name).ExecuteNonQuery();
                }
                else
                {
                    session.Command(
                            "INSERT INTO dead_properties (collection_id, href, name, value) VALUES ($id, $href, $name, $value) " +
                            "ON CONFLICT (collection_id, href, name) DO UPDATE SET value = excluded.value")
                        .With("$id", row.Id).With("$href", href).With("$name", change.Name).With("$value", change.Value).ExecuteNonQuery();
                }
            }

            return StoreOutcome.Ok;
        }, cancellationToken);
    }
}
