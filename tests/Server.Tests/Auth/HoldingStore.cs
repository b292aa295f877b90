using System.Reflection;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Tests.Auth;

/// <summary>
/// Forwards every call to a real store, except that the next call of one named method can be held:
/// the real read completes at once (so its answer is the data as it was at the call), then the answer is
/// withheld until the test releases it. Lets a test put a change between a read and its use without sleeps.
/// </summary>
public class HoldingStore : DispatchProxy
{
    private static readonly MethodInfo AnswerAfterReleaseMethod =
        typeof(HoldingStore).GetMethod(nameof(AnswerAfterReleaseAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private IStore? _inner;
    private Hold? _pending;

    public static HoldingStore Around(IStore inner)
    {
        var proxy = (HoldingStore)(object)Create<IStore, HoldingStore>();
        proxy._inner = inner;
        return proxy;
    }

    /// <summary>The store as its interface, for the component under test.</summary>
    public IStore AsStore => (IStore)(object)this;

    /// <summary>Holds the next call of <paramref name="methodName"/> (a Task-returning IStore method).</summary>
    public Hold HoldNext(string methodName)
    {
        var hold = new Hold(methodName);
        Assert.Null(Interlocked.CompareExchange(ref _pending, hold, null));
        return hold;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        object? answer;
        try
        {
            answer = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
        var hold = _pending;
        if (hold is null || hold.MethodName != targetMethod.Name || Interlocked.CompareExchange(ref _pending, null, hold) != hold)
        {
            return answer;
        }
        var resultType = targetMethod.ReturnType.GetGenericArguments().Single();
        return AnswerAfterReleaseMethod.MakeGenericMethod(resultType).Invoke(null, [answer, hold]);
    }

    private static async Task<T> AnswerAfterReleaseAsync<T>(Task<T> answer, Hold hold)
    {
        var read = await answer;
        hold.MarkRead();
        await hold.Released;
        return read;
    }

    /// <summary>One held call: <see cref="Read"/> completes once the real store has answered; <see cref="Release"/> lets the answer through.</summary>
    public sealed class Hold(string methodName)
    {
        private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string MethodName { get; } = methodName;

        public Task Read => _read.Task;

        internal Task Released => _released.Task;

        public void Release() => _released.TrySetResult();

        internal void MarkRead() => _read.TrySetResult();
    }
}
