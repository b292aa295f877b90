using System.Reflection;
using Amazon.DynamoDBv2;

namespace AuroraTime.Storage.Tests.DynamoDb;

/// <summary>
/// Wraps a real DynamoDB client and makes chosen calls fail first, the way a throttled or contended
/// table answers, then lets them through to the real client.
/// </summary>
public class FaultInjectingDynamoDb : DispatchProxy
{
    private IAmazonDynamoDB _inner = null!;
    private string _method = "";
    private Queue<Exception> _faults = new();

    public int Calls { get; private set; }

    public static (IAmazonDynamoDB Client, FaultInjectingDynamoDb Faults) Wrap(IAmazonDynamoDB inner, string method, params Exception[] faults)
    {
        var client = Create<IAmazonDynamoDB, FaultInjectingDynamoDb>();
        var proxy = (FaultInjectingDynamoDb)(object)client;
        proxy._inner = inner;
        proxy._method = method;
        proxy._faults = new Queue<Exception>(faults);
        return (client, proxy);
    }

    public int FaultsLeft => _faults.Count;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == _method)
        {
            Calls++;
            if (_faults.TryDequeue(out var fault))
            {
                // The SDK's async methods fail through the task, not synchronously.
                var failed = typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!
                    .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]);
                return failed.Invoke(null, [fault]);
            }
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
