namespace AuroraTime.Reminders.Aws;

/// <summary>Settings of the EventBridge Scheduler mode (section Reminders:Aws of the server settings).</summary>
/// <param name="FunctionArn">Target of every schedule: the function running this server.</param>
/// <param name="RoleArn">Role Scheduler assumes to invoke the function (lambda:InvokeFunction).</param>
/// <param name="GroupName">Schedule group the schedules live in.</param>
/// <param name="EventSecret">HMAC-SHA256 key that signs each schedule's input (at least 32 bytes).</param>
public sealed record EventBridgeOptions(string FunctionArn, string RoleArn, string GroupName, byte[] EventSecret)
{
    public const int MinSecretBytes = 32;

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"EventBridgeOptions({FunctionArn}, {RoleArn}, {GroupName})";
}
