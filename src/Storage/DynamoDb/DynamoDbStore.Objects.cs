using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>Calendar objects and plain resources: one item each in their collection incarnation's partition.</summary>
public sealed partial class DynamoDbStore
{
    private const string CurrentVersionProjection = "#etag, #uid, #planv, " + ObjectBody.SpillKeyAttribute;

    private static readonly Dictionary<string, string> CurrentVersionNames = new() { ["#etag"] = "etag", ["#uid"] = "uid", ["#planv"] = "planv" };

    private const string SummaryProjection = "SK, #href, #uid, #comp, #ctype, #etag, #size, #mod, #first, #last";

    /// <summary>The object item's condition that it is still the version read (its plan version too, see reminders).</summary>
    private const string UnchangedObject = "#etag = :etag AND #planv = :planv";

    public async Task<StoredObject?> GetObjectAsync(ObjectRef resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var collection = await FindCollectionAsync(resource.Collection.UserName, resource.Collection.Path, cancellationToken).ConfigureAwait(false);
        if (collection is null)
        {
            return null;
        }

        var item = await GetItemAsync(collection.Members, DynamoDbKeys.Object(resource.Href), cancellationToken).ConfigureAwait(false);
        return item is null ? null : await ReadObjectAsync(item, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredObject>> GetObjectsAsync(CollectionRef collection, IReadOnlyCollection<string> hrefs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(hrefs);
        if (hrefs.Count > PageRequest.MaxLimit)
        {
            throw new ArgumentException($"At most {PageRequest.MaxLimit} hrefs per call.", nameof(hrefs));
        }

        if (hrefs.Count == 0)
        {
            return [];
        }

        var found = await FindCollectionAsync(collection.UserName, collection.Path, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return [];
        }

        var items = await BatchGetAsync(found.Members, hrefs.Distinct(StringComparer.Ordinal).Select(DynamoDbKeys.Object), cancellationToken).ConfigureAwait(false);
        var objects = new List<StoredObject>(items.Count);
        foreach (var item in items.OrderBy(i => i.String(DynamoDbTable.SortKey), Utf8Order.Instance))
        {
            objects.Add(await ReadObjectAsync(item, cancellationToken).ConfigureAwait(false));
        }

        return objects;
    }

    public async Task<Page<ObjectSummary>> ListObjectsAsync(CollectionRef collection, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(page);
        _ = page.CheckedLimit;
        var found = await FindCollectionAsync(collection.UserName, collection.Path, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return new Page<ObjectSummary>([], null);
        }

        return await PrefixPageAsync(found.Members, DynamoDbKeys.ObjectPrefix, page, ReadSummary, s => s.Href, cancellationToken,
            projection: SummaryProjection, names: ProjectionNames()).ConfigureAwait(false);
    }

    /// <summary>
    /// Candidates from the ByLast local index: (last is unbounded or >= start) is the key condition,
    /// (first is unbounded or &lt;= end) and the component are filters on the projected attributes.
    /// Keyed on the last occurrence because calendars accumulate history: most stored events end
    /// before a window around now, and those are never read. Unbounded bounds are stored as the
    /// extreme values, so infinite series and undated to-dos need no special case. The matching keys
    /// are sorted by href for paging and only the page's items are read in full.
    /// </summary>
    public async Task<Page<StoredObject>> FindObjectsInRangeAsync(CollectionRef collection, TimeRangeQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.CheckedLimit;
        var found = await FindCollectionAsync(collection.UserName, collection.Path, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return new Page<StoredObject>([], null);
        }

        var values = new Dictionary<string, AttributeValue> { [":pk"] = S(found.Members) };
        var names = new Dictionary<string, string>();
        var keyCondition = "PK = :pk";
        if (query.Start is { } start)
        {
            keyCondition += " AND #rlast >= :start";
            values[":start"] = N(start.ToUnixTimeTicks());
            names["#rlast"] = DynamoDbTable.RangeLastAttribute;
        }

        var filters = new List<string>();
        if (query.End is { } end)
        {
            filters.Add("#rfirst <= :end");
            values[":end"] = N(end.ToUnixTimeTicks());
            names["#rfirst"] = DynamoDbTable.RangeFirstAttribute;
        }

        if (query.ComponentType is { } component)
        {
            filters.Add("#comp = :comp");
            values[":comp"] = S(component);
            names["#comp"] = DynamoDbTable.ComponentAttribute;
        }

        var after = page.After is null ? null : DynamoDbKeys.Object(page.After);
        var candidates = new List<string>();
        await foreach (var item in QueryAsync(new QueryRequest
                       {
                           IndexName = DynamoDbTable.ByLast,
                           KeyConditionExpression = keyCondition,
                           FilterExpression = filters.Count == 0 ? null : string.Join(" AND ", filters),
                           ExpressionAttributeValues = values,
                           ExpressionAttributeNames = names.Count == 0 ? null : names,
                           ProjectionExpression = "SK",
                           ConsistentRead = true,
                       }, cancellationToken).ConfigureAwait(false))
        {
            var key = item.String(DynamoDbTable.SortKey);
            if (after is null || Utf8Order.Instance.Compare(key, after) > 0)
            {
                candidates.Add(key);
            }
        }

        candidates.Sort(Utf8Order.Instance);
        var pageKeys = candidates.Take(limit).ToList();
        var items = await BatchGetAsync(found.Members, pageKeys, cancellationToken).ConfigureAwait(false);
        var objects = new List<StoredObject>(items.Count);
        foreach (var item in items.OrderBy(i => i.String(DynamoDbTable.SortKey), Utf8Order.Instance))
        {
            objects.Add(await ReadObjectAsync(item, cancellationToken).ConfigureAwait(false));
        }

        return new Page<StoredObject>(objects, candidates.Count > limit ? pageKeys[^1][DynamoDbKeys.ObjectPrefix.Length..] : null);
    }

    public async Task<string?> FindHrefByUidAsync(CollectionRef collection, string uid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(uid);
        var found = await FindCollectionAsync(collection.UserName, collection.Path, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        var claim = await GetItemAsync(found.Members, DynamoDbKeys.Uid(uid), cancellationToken).ConfigureAwait(false);
        return claim?.String("href");
    }

    public async Task<WriteResult> PutObjectAsync(ObjectRef resource, ObjectContent content, WritePrecondition precondition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(precondition);
        ArgumentException.ThrowIfNullOrEmpty(content.ContentType, nameof(content));
        if (content.Data.Length > Limits.MaxObjectSize)
        {
            return WriteResult.Of(StoreOutcome.TooLarge);
        }

        var tag = ETag.FromContent(content.Data.Span);
        // Encoded once: a large body is compressed (and spilled) once however often the write is retried.
        var body = await ObjectBody.EncodeAsync(content.Data, SpillKey(tag), _spill, cancellationToken).ConfigureAwait(false);
        string? replacedSpill = null;
        var result = await OptimisticAsync(async () =>
        {
            var collection = await FindCollectionAsync(resource.Collection.UserName, resource.Collection.Path, cancellationToken).ConfigureAwait(false);
            if (collection is null)
            {
                return WriteResult.Of(StoreOutcome.NotFound);
            }

            // Both reads at once: they are independent, and a PUT's latency is mostly round trips.
            var childPath = ChildCollectionPath(resource);
            var readChild = childPath is null
                ? Task.FromResult<Dictionary<string, AttributeValue>?>(null)
                : GetItemAsync(DynamoDbKeys.Account(resource.Collection.UserName), DynamoDbKeys.Collection(childPath), cancellationToken, "PK");
            var readCurrent = GetItemAsync(collection.Members, DynamoDbKeys.Object(resource.Href), cancellationToken,
                CurrentVersionProjection, CurrentVersionNames);
            await Task.WhenAll(readChild, readCurrent).ConfigureAwait(false);
            if (await readChild.ConfigureAwait(false) is not null)
            {
                return WriteResult.Of(StoreOutcome.AlreadyExists);
            }

            var current = await readCurrent.ConfigureAwait(false);
            var currentTag = current is null ? (ETag?)null : ETag.FromStoredValue(current.String("etag"));
            if (!precondition.IsSatisfiedBy(currentTag))
            {
                return WriteResult.Of(StoreOutcome.PreconditionFailed);
            }

            var item = NewObjectItem(collection.Members, resource.Href, content.ContentType, tag, content.Data.Length, NowTicks, content.Uid,
                content.ComponentType, content.FirstOccurrence?.ToUnixTimeTicks(), content.LastOccurrence?.ToUnixTimeTicks(),
                (current?.OptionalLong("planv") ?? 0) + 1, body);
            var transaction = Transaction();
            PutReplacing(transaction, item, current);
            ClaimUid(transaction, collection, resource.Href, content.Uid, current?.OptionalString("uid"));
            if (childPath is not null)
            {
                transaction.Check(Key(DynamoDbKeys.Account(resource.Collection.UserName), DynamoDbKeys.Collection(childPath)), IsNewCondition, null,
                    WriteRole.NoCollectionThere);
            }

            // The plan was computed from the old bytes; the reminder planner replans from the new ones.
            var cleared = current is null ? [] : await DeleteRemindersInAsync(transaction, collection, resource.Href, cancellationToken).ConfigureAwait(false);

            AppendChanges(transaction, collection, (resource.Href, false));
            var failure = await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                replacedSpill = current is null ? null : ObjectBody.SpillKeyOf(current);
                return new WriteResult(current is null ? StoreOutcome.Created : StoreOutcome.Updated, tag) { ClearedReminders = cleared };
            }

            return UidConflictOrAlreadyExists(failure);
        }, cancellationToken).ConfigureAwait(false);

        var written = ObjectBody.SpillKeyOf(body);
        if (!result.IsSuccess && written is not null)
        {
            await _spill!.DeleteAsync(written, cancellationToken).ConfigureAwait(false);
        }

        if (replacedSpill is not null && replacedSpill != written)
        {
            await _spill!.DeleteAsync(replacedSpill, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public async Task<WriteResult> DeleteObjectAsync(ObjectRef resource, WritePrecondition precondition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(precondition);
        Dictionary<string, AttributeValue>? deleted = null;
        var result = await OptimisticAsync(async () =>
        {
            var collection = await FindCollectionAsync(resource.Collection.UserName, resource.Collection.Path, cancellationToken).ConfigureAwait(false);
            var current = collection is null
                ? null
                : await GetItemAsync(collection.Members, DynamoDbKeys.Object(resource.Href), cancellationToken,
                    CurrentVersionProjection, CurrentVersionNames).ConfigureAwait(false);
            if (collection is null || current is null)
            {
                return WriteResult.Of(StoreOutcome.NotFound);
            }

            if (!precondition.IsSatisfiedBy(ETag.FromStoredValue(current.String("etag"))))
            {
                return WriteResult.Of(StoreOutcome.PreconditionFailed);
            }

            var transaction = Transaction();
            var cleared = await RemoveObjectAsync(transaction, collection, resource.Href, current, cancellationToken).ConfigureAwait(false);
            AppendChanges(transaction, collection, (resource.Href, true));
            if (await CommitAsync(transaction, cancellationToken).ConfigureAwait(false) is not null)
            {
                return null;
            }

            deleted = current;
            return new WriteResult(StoreOutcome.Ok) { ClearedReminders = cleared };
        }, cancellationToken).ConfigureAwait(false);
        if (deleted is not null)
        {
            await DeleteSpilledAsync(deleted, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Adds the removal of an object as read (<paramref name="current"/>): its item, UID claim, dead properties, planned reminders and deliveries.</summary>
    /// <returns>The planned firings removed.</returns>
    private async Task<IReadOnlyList<PendingReminder>> RemoveObjectAsync(DynamoDbTransaction transaction, CollectionItem collection, string href, Dictionary<string, AttributeValue> current,
        CancellationToken cancellationToken, string? keepUidClaim = null)
    {
        transaction.Delete(Key(collection.Members, DynamoDbKeys.Object(href)), UnchangedObject, UnchangedValues(current), names: UnchangedNames);
        if (current.OptionalString("uid") is { } uid && DynamoDbKeys.Uid(uid) != keepUidClaim)
        {
            transaction.Delete(Key(collection.Members, DynamoDbKeys.Uid(uid)), "#href = :href", new() { [":href"] = S(href) },
                names: new() { ["#href"] = "href" });
        }

        transaction.Delete(Key(collection.Members, DynamoDbKeys.DeadProperties(href)));
        var cleared = await DeleteRemindersInAsync(transaction, collection, href, cancellationToken).ConfigureAwait(false);
        await DeleteDeliveriesInAsync(transaction, collection, href, cancellationToken).ConfigureAwait(false);
        return cleared;
    }

    /// <summary>Puts an object item: as a new item, or over exactly the version read.</summary>
    private static void PutReplacing(DynamoDbTransaction transaction, Dictionary<string, AttributeValue> item, Dictionary<string, AttributeValue>? current)
    {
        if (current is null)
        {
            transaction.Put(item, IsNewCondition);
        }
        else
        {
            transaction.Put(item, UnchangedObject, UnchangedValues(current), names: UnchangedNames);
        }
    }

    /// <summary>Claims the UID for the href (RFC 4791 section 5.3.2.1: unique per calendar) and releases the UID the old version had.</summary>
    /// <param name="releasedBy">A resource of the same collection that gives the UID up in the same transaction (a rename).</param>
    private static void ClaimUid(DynamoDbTransaction transaction, CollectionItem collection, string href, string? uid, string? previousUid, string? releasedBy = null)
    {
        var hrefNames = new Dictionary<string, string> { ["#href"] = "href" };
        if (uid is not null)
        {
            var claim = Key(collection.Members, DynamoDbKeys.Uid(uid));
            claim["href"] = S(href);
            claim["uid"] = S(uid);
            var values = new Dictionary<string, AttributeValue> { [":href"] = S(href), [":from"] = S(releasedBy ?? href) };
            transaction.Put(claim, "attribute_not_exists(PK) OR #href = :href OR #href = :from", values, WriteRole.UidClaim, hrefNames);
        }

        if (previousUid is not null && (uid is null || DynamoDbKeys.Uid(previousUid) != DynamoDbKeys.Uid(uid)))
        {
            transaction.Delete(Key(collection.Members, DynamoDbKeys.Uid(previousUid)), "#href = :href", new() { [":href"] = S(href) }, names: hrefNames);
        }
    }

    /// <summary>UidConflict with the holder, AlreadyExists for a collection in the way, or null (lost a race: retry).</summary>
    internal static WriteResult? UidConflictOrAlreadyExists(TransactionFailure failure)
    {
        if (failure.Failed(WriteRole.UidClaim) && failure.ItemOf(WriteRole.UidClaim)?.OptionalString("href") is { } holder)
        {
            return WriteResult.UidConflictWith(holder);
        }

        return failure.Failed(WriteRole.NoCollectionThere) ? WriteResult.Of(StoreOutcome.AlreadyExists) : null;
    }

    private static readonly Dictionary<string, string> UnchangedNames = new() { ["#etag"] = "etag", ["#planv"] = "planv" };

    private static Dictionary<string, AttributeValue> UnchangedValues(Dictionary<string, AttributeValue> current) => new()
    {
        [":etag"] = S(current.String("etag")),
        [":planv"] = N(current.OptionalLong("planv") ?? 0),
    };

    /// <summary>The path a collection with the resource's name would have, when such a path is legal.</summary>
    private static string? ChildCollectionPath(ObjectRef resource)
    {
        var path = resource.Collection.Path + "/" + resource.Href;
        return ResourceNames.IsValidCollectionPath(path) ? path : null;
    }

    private static Dictionary<string, AttributeValue> NewObjectItem(string members, string href, string contentType, ETag tag, long size, long modified,
        string? uid, string? component, long? first, long? last, long planVersion, Dictionary<string, AttributeValue> body)
    {
        var item = Key(members, DynamoDbKeys.Object(href));
        item["href"] = S(href);
        item["ctype"] = S(contentType);
        item["etag"] = S(tag.Value);
        item["size"] = N(size);
        item["mod"] = N(modified);
        item["planv"] = N(planVersion);
        // Unbounded ends become the extremes, so one range test covers them (RFC 4791 section 9.9).
        item[DynamoDbTable.RangeFirstAttribute] = N(first ?? long.MinValue);
        item[DynamoDbTable.RangeLastAttribute] = N(last ?? long.MaxValue);
        if (uid is not null)
        {
            item["uid"] = S(uid);
        }

        if (component is not null)
        {
            item[DynamoDbTable.ComponentAttribute] = S(component);
        }

        if (first is { } f)
        {
            item["first"] = N(f);
        }

        if (last is { } l)
        {
            item["last"] = N(l);
        }

        foreach (var (name, value) in body)
        {
            item[name] = value;
        }

        return item;
    }

    /// <summary>A fresh spill key per write: concurrent writers never share one, and a replaced body is deleted after the commit.</summary>
    private static string SpillKey(ETag tag) => Guid.NewGuid().ToString("N") + "/" + tag.Value;

    private async Task DeleteSpilledAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        if (ObjectBody.SpillKeyOf(item) is { } key && _spill is not null)
        {
            await _spill.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>BatchGetItem in chunks of 100 keys (strongly consistent), retrying unprocessed keys.</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> BatchGetAsync(string partition, IEnumerable<string> sortKeys, CancellationToken cancellationToken)
    {
        var found = new List<Dictionary<string, AttributeValue>>();
        foreach (var chunk in sortKeys.Chunk(100))
        {
            var pending = new Dictionary<string, KeysAndAttributes>
            {
                [_table] = new() { Keys = chunk.Select(sort => Key(partition, sort)).ToList(), ConsistentRead = true },
            };
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                var response = await DynamoDbRetry.RunAsync(() => _client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending }, cancellationToken),
                    _maxAttempts, cancellationToken).ConfigureAwait(false);
                if (response.Responses?.TryGetValue(_table, out var items) == true)
                {
                    found.AddRange(items);
                }

                pending = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : [];
                if (pending.Count > 0)
                {
                    await Task.Delay(DynamoDbRetry.Backoff(attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return found;
    }

    private async Task<StoredObject> ReadObjectAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken) =>
        new(ReadSummary(item), await ObjectBody.DecodeAsync(item, _spill, cancellationToken).ConfigureAwait(false));

    private static ObjectSummary ReadSummary(Dictionary<string, AttributeValue> item) => new(
        Href: item.String("href"),
        Uid: item.OptionalString("uid"),
        ComponentType: item.OptionalString(DynamoDbTable.ComponentAttribute),
        ContentType: item.String("ctype"),
        ETag: ETag.FromStoredValue(item.String("etag")),
        Size: item.Long("size"),
        LastModified: ToInstant(item.Long("mod")),
        FirstOccurrence: item.OptionalLong("first") is { } first ? ToInstant(first) : null,
        LastOccurrence: item.OptionalLong("last") is { } last ? ToInstant(last) : null);

    private static Dictionary<string, string> ProjectionNames() => new()
    {
        ["#href"] = "href", ["#uid"] = "uid", ["#comp"] = DynamoDbTable.ComponentAttribute, ["#ctype"] = "ctype", ["#etag"] = "etag",
        ["#size"] = "size", ["#mod"] = "mod", ["#first"] = "first", ["#last"] = "last",
    };
}
