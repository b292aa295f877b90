using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Calendars;

/// <summary>
/// The import's write loop on a store that writes batches in one transaction (<see cref="IBatchObjectWriter"/>):
/// one commit per <see cref="BatchSize"/> objects instead of one per object, which is what made 100k-event
/// imports crawl. Each batch is all or nothing: when the store refuses any object of it, none of the batch
/// is kept and the report names each refused object (UID, line, reason) and the objects that went back
/// with it. Hrefs are chosen as for a single write: the object's href when the calendar already has its
/// UID, else the UID itself, else (that name held by another UID) a digest of the UID.
/// </summary>
internal sealed class BatchedImport(IStore store, IBatchObjectWriter writer, CollectionRef calendar, ImportReport report)
{
    public const int BatchSize = 500;

    public async Task RunAsync(IEnumerable<PreparedImport> objects, CancellationToken cancellationToken)
    {
        var batch = new List<(SplitObject Item, ObjectWrite Write)>(BatchSize);
        foreach (var prepared in objects)
        {
            if (prepared.Error is { } error)
            {
                report.Errors.Add(error);
                continue;
            }
            batch.Add((prepared.Item, await TargetAsync(prepared.Item, prepared.Content!, cancellationToken)));
            if (batch.Count == BatchSize)
            {
                await WriteAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await WriteAsync(batch, cancellationToken);
        }
    }

    private async Task<ObjectWrite> TargetAsync(SplitObject item, ObjectContent content, CancellationToken cancellationToken) =>
        await store.FindHrefByUidAsync(calendar, item.Uid, cancellationToken) is { } existing
            ? new ObjectWrite(calendar.Object(existing), content, WritePrecondition.IfMatchAny)
            : new ObjectWrite(calendar.Object(CalendarImporter.PreferredHref(item.Uid)), content, WritePrecondition.IfNoneMatchAny);

    private async Task WriteAsync(List<(SplitObject Item, ObjectWrite Write)> batch, CancellationToken cancellationToken)
    {
        var results = await writer.PutObjectsAsync(batch.Select(b => b.Write).ToList(), cancellationToken);
        if (!results.All(r => r.IsSuccess) && FallBackToHashedNames(batch, results))
        {
            // Some readable names are held by other UIDs: those objects take the UID-derived name; try once more.
            results = await writer.PutObjectsAsync(batch.Select(b => b.Write).ToList(), cancellationToken);
        }
        if (results.All(r => r.IsSuccess))
        {
            report.Created += results.Count(r => r.Outcome == StoreOutcome.Created);
            report.Updated += results.Count(r => r.Outcome == StoreOutcome.Updated);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (!results[i].IsSuccess)
            {
                var item = batch[i].Item;
                report.Errors.Add(results[i].Outcome == StoreOutcome.TooLarge
                    ? CalendarImporter.TooLargeError(item)
                    : new SplitError(item.Line, $"UID {item.Uid}: not stored ({results[i].Outcome})"));
            }
        }
        var withdrawn = results.Count(r => r.IsSuccess);
        if (withdrawn > 0)
        {
            report.Errors.Add(new SplitError(batch[0].Item.Line,
                $"{withdrawn} other objects of the same batch (lines {batch[0].Item.Line} to {batch[^1].Item.Line}) were not stored either: " +
                $"objects are written in batches of {BatchSize}, each all or nothing; fix the errors above and import again"));
        }
    }

    /// <summary>Moves objects whose readable name was taken (If-None-Match failed) to their digest name.</summary>
    /// <returns>Whether any object moved.</returns>
    private static bool FallBackToHashedNames(List<(SplitObject Item, ObjectWrite Write)> batch, IReadOnlyList<WriteResult> results)
    {
        var moved = false;
        for (var i = 0; i < batch.Count; i++)
        {
            var (item, write) = batch[i];
            if (results[i].Outcome == StoreOutcome.PreconditionFailed && ReferenceEquals(write.Precondition, WritePrecondition.IfNoneMatchAny))
            {
                batch[i] = (item, write with
                {
                    Resource = write.Resource.Collection.Object(CalendarImporter.HashedHref(item.Uid)),
                    Precondition = WritePrecondition.None,
                });
                moved = true;
            }
        }
        return moved;
    }
}
