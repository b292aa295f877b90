using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.Contract;
using static AuroraTime.Storage.DynamoDb.DynamoValues;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// Dead properties: one item per resource (DP#href; DP for the collection itself) with one attribute per
/// property, named "p:" + the Clark name, so PROPPATCH is a single UpdateItem of SET and REMOVE clauses.
/// </summary>
public sealed partial class DynamoDbStore
{
    private const string PropertyPrefix = "p:";

    public async Task<IReadOnlyDictionary<string, string>?> GetDeadPropertiesAsync(CollectionRef collection, string? resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var href = resource is null ? null : ResourceNames.CheckHref(resource, nameof(resource));
        var found = await FindCollectionAsync(collection.UserName, collection.Path, cancellationToken).ConfigureAwait(false);
        if (found is null
            || (href is not null && await GetItemAsync(found.Members, DynamoDbKeys.Object(href), cancellationToken, "PK").ConfigureAwait(false) is null))
        {
            return null;
        }

        var item = await GetItemAsync(found.Members, DynamoDbKeys.DeadProperties(href), cancellationToken).ConfigureAwait(false);
        return ReadProperties(item);
    }

    public async Task<StoreOutcome> PatchDeadPropertiesAsync(CollectionRef collection, string? resource, IReadOnlyList<DeadPropertyChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(changes);
        var href = resource is null ? null : ResourceNames.CheckHref(resource, nameof(resource));
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change, nameof(changes));
            ArgumentException.ThrowIfNullOrEmpty(change.Name, nameof(changes));
        }

        // Instructions apply in order (RFC 4918 section 9.2), so per name the last one decides.
        var final = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            final[change.Name] = change.Value;
        }

        return await OptimisticAsync(async () =>
        {
            var found = await FindCollectionAsync(collection.UserName, collection.Path, cancellationToken).ConfigureAwait(false);
            if (found is null
                || (href is not null && await GetItemAsync(found.Members, DynamoDbKeys.Object(href), cancellationToken, "PK").ConfigureAwait(false) is null))
            {
                return StoreOutcome.NotFound;
            }

            if (final.Count == 0)
            {
                return StoreOutcome.Ok;
            }

            var transaction = Transaction();
            if (href is null)
            {
                transaction.Check(found.Key, "#inc = :inc", new() { [":inc"] = S(found.Incarnation) }, WriteRole.State, IncarnationNames);
            }
            else
            {
                transaction.Check(Key(found.Members, DynamoDbKeys.Object(href)), ExistsCondition, null, WriteRole.State);
            }

            var names = new Dictionary<string, string>();
            var values = new Dictionary<string, AttributeValue>();
            var set = new List<string>();
            var remove = new List<string>();
            foreach (var (name, value) in final)
            {
                var alias = "#p" + names.Count;
                names[alias] = PropertyPrefix + name;
                if (value is null)
                {
                    remove.Add(alias);
                }
                else
                {
                    set.Add($"{alias} = :v{values.Count}");
                    values[":v" + values.Count] = S(value);
                }
            }

            var update = (set.Count > 0 ? "SET " + string.Join(", ", set) + " " : "") + (remove.Count > 0 ? "REMOVE " + string.Join(", ", remove) : "");
            transaction.Update(Key(found.Members, DynamoDbKeys.DeadProperties(href)), update.Trim(), null, values.Count > 0 ? values : null, names);
            return await CommitAsync(transaction, cancellationToken).ConfigureAwait(false) is null ? StoreOutcome.Ok : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, string> ReadProperties(Dictionary<string, AttributeValue>? item)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in item ?? [])
        {
            if (name.StartsWith(PropertyPrefix, StringComparison.Ordinal) && value.S is not null)
            {
                properties[name[PropertyPrefix.Length..]] = value.S;
            }
        }

        return properties;
    }
}
