using System.Collections.Immutable;
using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// Collections: items keyed by path in the account partition, each naming an incarnation whose
/// partition holds the members, the UID claims and the change log. An incarnation item maps it back
/// to the path (due reminders need that after a collection moved).
/// </summary>
public sealed partial class DynamoDbStore
{
    private static readonly Dictionary<string, string> SequenceNames = new() { ["#inc"] = "inc", ["#seq"] = "seq" };

    private static readonly Dictionary<string, string> IncarnationNames = new() { ["#inc"] = "inc" };

    /// <summary>The parts of a collection item that writes and the change log need.</summary>
    private sealed record CollectionItem(string UserName, string Path, string Incarnation, CollectionKind Kind, long Sequence, long Floor,
        Dictionary<string, AttributeValue> Item)
    {
        public string Members => DynamoDbKeys.Members(Incarnation);

        public Dictionary<string, AttributeValue> Key => DynamoValues.Key(DynamoDbKeys.Account(UserName), DynamoDbKeys.Collection(Path));

        public CollectionRef Ref => new(UserName, Path);
    }

    public async Task<StoreOutcome> CreateCollectionAsync(CollectionRef collection, CollectionKind kind, CollectionProperties properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(properties);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown collection kind.");
        }

        return await OptimisticAsync(async () =>
        {
            if (!await AccountExistsAsync(collection.UserName, cancellationToken).ConfigureAwait(false))
            {
                return StoreOutcome.NotFound;
            }

            CollectionItem? parent = null;
            if (collection.ParentPath is { } parentPath)
            {
                parent = await FindCollectionAsync(collection.UserName, parentPath, cancellationToken).ConfigureAwait(false);
                if (parent is null)
                {
                    return StoreOutcome.ParentNotFound;
                }
            }

            var incarnation = Guid.NewGuid().ToString("N");
            var item = NewCollectionItem(collection, kind, properties, incarnation, NowTicks);
            var transaction = CheckAccount(Transaction(), collection.UserName)
                .Put(item, IsNewCondition, role: WriteRole.NewRecord)
                .Put(IncarnationItem(incarnation, collection));
            if (parent is not null)
            {
                transaction.Check(Key(parent.Members, DynamoDbKeys.Object(collection.Name)), IsNewCondition, null, WriteRole.NoCollectionThere);
                AppendChanges(transaction, parent, (collection.Name + "/", false));
            }

            var failure = await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            return failure switch
            {
                null => StoreOutcome.Created,
                _ when failure.Failed(WriteRole.AccountExists) => StoreOutcome.NotFound,
                _ when failure.Failed(WriteRole.NewRecord) || failure.Failed(WriteRole.NoCollectionThere) => StoreOutcome.AlreadyExists,
                _ => (StoreOutcome?)null,
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredCollection?> GetCollectionAsync(CollectionRef collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var item = await GetItemAsync(DynamoDbKeys.Account(collection.UserName), DynamoDbKeys.Collection(collection.Path), cancellationToken).ConfigureAwait(false);
        return item is null ? null : ReadCollection(item);
    }

    public Task<Page<StoredCollection>> ListCollectionsAsync(string userName, string? parentPath, PageRequest page, CancellationToken cancellationToken = default)
    {
        ResourceNames.CheckUserName(userName);
        if (parentPath is not null && !ResourceNames.IsValidCollectionPath(parentPath))
        {
            throw new ArgumentException($"Invalid collection path '{parentPath}'.", nameof(parentPath));
        }

        // Children of "p" are the keys in [COL#p/, COL#p0): '0' follows '/'; deeper ones are filtered out by parent.
        return PrefixPageAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.CollectionPrefix, page, ReadCollection, c => c.Ref.Path, cancellationToken,
            filter: "#parent = :parent", filterValues: new() { [":parent"] = S(parentPath ?? "") },
            rangeStart: parentPath is null ? null : DynamoDbKeys.Collection(parentPath + "/"),
            rangeEnd: parentPath is null ? null : DynamoDbKeys.Collection(parentPath + "0"),
            names: new() { ["#parent"] = "parent" });
    }

    public async Task<StoreOutcome> UpdateCollectionPropertiesAsync(CollectionRef collection, CollectionProperties properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(properties);
        var set = new List<string> { "#comps = :comps" };
        var remove = new List<string>();
        var values = new Dictionary<string, AttributeValue> { [":comps"] = S(string.Join(',', properties.SupportedComponents)) };
        var names = new Dictionary<string, string> { ["#comps"] = "comps" };
        foreach (var (attribute, value) in PropertyAttributes(properties))
        {
            names["#" + attribute] = attribute;
            if (value is null)
            {
                remove.Add("#" + attribute);
            }
            else
            {
                set.Add($"#{attribute} = :{attribute}");
                values[":" + attribute] = value;
            }
        }

        var update = "SET " + string.Join(", ", set) + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : "");
        return await UpdateExistingAsync(DynamoDbKeys.Account(collection.UserName), DynamoDbKeys.Collection(collection.Path), update, values, names,
            cancellationToken).ConfigureAwait(false);
    }

    /// <remarks>
    /// The collection items go in one transaction; their partitions are swept after it. Nothing can plan
    /// into a partition whose collection item is gone, so the firings the sweep finds are exactly those the
    /// delete removed (<paramref name="clearedReminders"/>).
    /// </remarks>
    public async Task<StoreOutcome> DeleteCollectionAsync(CollectionRef collection, CancellationToken cancellationToken = default,
        ICollection<DueReminder>? clearedReminders = null)
    {
        ArgumentNullException.ThrowIfNull(collection);
        List<CollectionItem>? removed = null;
        var outcome = await OptimisticAsync(async () =>
        {
            var target = await FindCollectionAsync(collection.UserName, collection.Path, cancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                return StoreOutcome.NotFound;
            }

            var subtree = await SubtreeAsync(target, cancellationToken).ConfigureAwait(false);
            var parent = collection.ParentPath is { } parentPath
                ? await FindCollectionAsync(collection.UserName, parentPath, cancellationToken).ConfigureAwait(false)
                : null;
            var transaction = Transaction();
            RemoveCollections(transaction, subtree);
            if (parent is not null)
            {
                AppendChanges(transaction, parent, (collection.Name + "/", true));
            }

            if (await CommitAsync(transaction, cancellationToken).ConfigureAwait(false) is not null)
            {
                return null;
            }

            removed = subtree;
            return StoreOutcome.Ok;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var gone in removed ?? [])
        {
            await SweepMembersAsync(gone.Incarnation, cancellationToken, gone.Ref, clearedReminders).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>The collection and every nested one, parents first (paths in key order).</summary>
    private async Task<List<CollectionItem>> SubtreeAsync(CollectionItem root, CancellationToken cancellationToken)
    {
        var subtree = new List<CollectionItem> { root };
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           KeyConditionExpression = "PK = :pk AND SK BETWEEN :lo AND :hi",
                           ExpressionAttributeValues = new()
                           {
                               [":pk"] = S(DynamoDbKeys.Account(root.UserName)),
                               [":lo"] = S(DynamoDbKeys.Collection(root.Path + "/")),
                               [":hi"] = S(DynamoDbKeys.Collection(root.Path + "0")),
                           },
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            subtree.Add(ToCollectionItem(item));
        }

        return subtree;
    }

    /// <summary>Deletes the collection items (each only if still the incarnation read) and their incarnation items.</summary>
    private static void RemoveCollections(DynamoDbTransaction transaction, IEnumerable<CollectionItem> collections)
    {
        foreach (var gone in collections)
        {
            transaction.Delete(gone.Key, "#inc = :inc", new() { [":inc"] = S(gone.Incarnation) }, names: IncarnationNames)
                .Delete(Key(DynamoDbKeys.Incarnation(gone.Incarnation), DynamoDbKeys.IncarnationSortKey));
        }
    }

    /// <summary>Removes a gone incarnation's partition: members, claims, change log, reminders, and spilled bodies.</summary>
    /// <param name="clearedFrom">Where the incarnation's collection was, to name the objects of the cleared firings.</param>
    /// <param name="clearedReminders">When given, receives the planned firings found in the partition.</param>
    private async Task SweepMembersAsync(string incarnation, CancellationToken cancellationToken, CollectionRef? clearedFrom = null,
        ICollection<DueReminder>? clearedReminders = null)
    {
        var keys = new List<Dictionary<string, AttributeValue>>();
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           KeyConditionExpression = "PK = :pk",
                           ExpressionAttributeValues = new() { [":pk"] = S(DynamoDbKeys.Members(incarnation)) },
                           ProjectionExpression = "PK, SK, #href, #alarm, #due, " + ObjectBody.SpillKeyAttribute,
                           ExpressionAttributeNames = new() { ["#href"] = "href", ["#alarm"] = "alarm", ["#due"] = "due" },
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            await DeleteSpilledAsync(item, cancellationToken).ConfigureAwait(false);
            if (clearedFrom is not null && clearedReminders is not null
                && item.String(DynamoDbTable.SortKey).StartsWith(DynamoDbKeys.ReminderPrefix, StringComparison.Ordinal))
            {
                clearedReminders.Add(ToDueReminder(clearedFrom.Object(item.String("href")), ToPendingReminder(item)));
            }

            keys.Add(Key(item.String(DynamoDbTable.PartitionKey), item.String(DynamoDbTable.SortKey)));
        }

        await DeleteItemsAsync(keys, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CollectionItem?> FindCollectionAsync(string userName, string path, CancellationToken cancellationToken)
    {
        var item = await GetItemAsync(DynamoDbKeys.Account(userName), DynamoDbKeys.Collection(path), cancellationToken).ConfigureAwait(false);
        return item is null ? null : ToCollectionItem(item);
    }

    /// <summary>
    /// Adds the change-log entries of one collection to a transaction: the sequence moves from the value
    /// read to one more per change, conditional on nobody having moved it since, and each member's
    /// change item is replaced by its latest state (RFC 6578: one entry per member).
    /// </summary>
    private void AppendChanges(DynamoDbTransaction transaction, CollectionItem collection, params (string Href, bool Deleted)[] changes)
    {
        var sequence = collection.Sequence;
        transaction.Update(collection.Key, "SET #seq = :next", "#inc = :inc AND #seq = :seq",
            new() { [":next"] = N(sequence + changes.Length), [":inc"] = S(collection.Incarnation), [":seq"] = N(sequence) }, SequenceNames);
        var now = NowTicks;
        foreach (var (href, deleted) in changes)
        {
            var change = Key(collection.Members, DynamoDbKeys.Change(href));
            change["href"] = S(href);
            change[DynamoDbTable.SequenceAttribute] = N(++sequence);
            change["del"] = Bool(deleted);
            change["at"] = N(now);
            transaction.Put(change);
        }
    }

    private static Dictionary<string, AttributeValue> NewCollectionItem(CollectionRef collection, CollectionKind kind, CollectionProperties properties,
        string incarnation, long createdTicks)
    {
        var item = Key(DynamoDbKeys.Account(collection.UserName), DynamoDbKeys.Collection(collection.Path));
        item["path"] = S(collection.Path);
        item["parent"] = S(collection.ParentPath ?? "");
        item["user"] = S(collection.UserName);
        item["inc"] = S(incarnation);
        item["kind"] = N((int)kind);
        item["seq"] = N(0);
        item["floor"] = N(0);
        item["created"] = N(createdTicks);
        item["comps"] = S(string.Join(',', properties.SupportedComponents));
        foreach (var (attribute, value) in PropertyAttributes(properties))
        {
            if (value is not null)
            {
                item[attribute] = value;
            }
        }

        return item;
    }

    private static Dictionary<string, AttributeValue> IncarnationItem(string incarnation, CollectionRef collection)
    {
        var item = Key(DynamoDbKeys.Incarnation(incarnation), DynamoDbKeys.IncarnationSortKey);
        item["user"] = S(collection.UserName);
        item["path"] = S(collection.Path);
        return item;
    }

    private static IEnumerable<(string Attribute, AttributeValue? Value)> PropertyAttributes(CollectionProperties properties) =>
    [
        ("dname", properties.DisplayName is { } name ? S(name) : null),
        ("descr", properties.Description is { } description ? S(description) : null),
        ("color", properties.Color is { } color ? S(color) : null),
        ("ord", properties.Order is { } order ? N(order) : null),
        ("tz", properties.TimeZone is { } zone ? S(zone) : null),
    ];

    private static CollectionItem ToCollectionItem(Dictionary<string, AttributeValue> item) => new(
        item.String("user"), item.String("path"), item.String("inc"), (CollectionKind)item.Long("kind"), item.Long("seq"), item.Long("floor"), item);

    private static StoredCollection ReadCollection(Dictionary<string, AttributeValue> item)
    {
        var components = item.OptionalString("comps") ?? "";
        var properties = new CollectionProperties(
            DisplayName: item.OptionalString("dname"),
            Description: item.OptionalString("descr"),
            Color: item.OptionalString("color"),
            Order: item.OptionalLong("ord") is { } order ? checked((int)order) : null,
            TimeZone: item.OptionalString("tz"),
            SupportedComponents: components.Length == 0 ? ImmutableArray<string>.Empty : [.. components.Split(',')]);
        return new StoredCollection(
            new CollectionRef(item.String("user"), item.String("path")),
            (CollectionKind)item.Long("kind"),
            properties,
            ToInstant(item.Long("created")),
            new SyncToken(item.String("inc"), item.Long("seq")));
    }
}
