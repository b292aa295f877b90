using System.Globalization;

namespace AuroraTime.Server.Aws;

/// <summary>
/// Running as the <c>bootstrap</c> of a provided.al2023 Lambda function behind the Lambda Web Adapter
/// layer (LWA). Lambda starts <c>bootstrap</c> with no arguments; LWA then forwards each invocation as
/// HTTP/1.1 to <c>127.0.0.1:$AWS_LWA_PORT</c> once <c>AWS_LWA_READINESS_CHECK_PATH</c> (/healthz) answers.
/// So with no arguments inside Lambda the binary means <c>serve</c> on exactly that loopback port.
/// </summary>
public static class LambdaEnvironment
{
    /// <summary>Set by Lambda for every custom runtime (provided.al2023); absent anywhere else.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The port LWA forwards to (LWA's own default is 8080).</summary>
    public const string AdapterPortVariable = "AWS_LWA_PORT";

    public const int DefaultAdapterPort = 8080;

    /// <summary>
    /// The path LWA posts non-HTTP events (EventBridge Scheduler invocations) to; the template sets
    /// <c>AWS_LWA_PASS_THROUGH_PATH</c> to it and the reminder event endpoint listens on it.
    /// </summary>
    public const string EventsPath = "/internal/events";

    /// <summary>The readiness probe LWA polls before it forwards the first request.</summary>
    public const string ReadinessPath = "/healthz";

    public static bool IsLambda(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment(RuntimeApiVariable));

    /// <summary>
    /// The command line to run: the given one, or inside Lambda with none given, <c>serve</c> bound to
    /// loopback on the adapter's port (never all interfaces: only LWA should reach Kestrel).
    /// </summary>
    /// <exception cref="FormatException">AWS_LWA_PORT is set but is not a port number.</exception>
    public static string[] Arguments(string[] args, Func<string, string?> environment)
    {
        if (args.Length > 0 || !IsLambda(environment))
        {
            return args;
        }
        return ["serve", "--urls", $"http://127.0.0.1:{AdapterPort(environment)}"];
    }

    public static int AdapterPort(Func<string, string?> environment)
    {
        var configured = environment(AdapterPortVariable);
        if (string.IsNullOrEmpty(configured))
        {
            return DefaultAdapterPort;
        }
        if (int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
        {
            return port;
        }
        throw new FormatException($"{AdapterPortVariable}='{configured}' is not a port number (1-65535).");
    }
}
