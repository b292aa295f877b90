using Amazon.Runtime.Credentials;

namespace AuroraTime.Reminders.Aws;

/// <summary>One set of AWS credentials; <see cref="SessionToken"/> is set for temporary (role) credentials.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Never prints the secret or the token.</summary>
    public override string ToString() => $"AwsCredentials({AccessKeyId})";
}

/// <summary>Where signing credentials come from; asked before every request, so rotated role credentials are picked up.</summary>
public interface IAwsCredentialSource
{
    ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Fixed credentials (tests, emulators).</summary>
public sealed class StaticCredentialSource(AwsCredentials credentials) : IAwsCredentialSource
{
    public ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}

/// <summary>
/// The AWS SDK's default chain (environment, profile, container and instance roles; on Lambda the
/// function role's variables). The SDK object caches and refreshes temporary credentials itself.
/// </summary>
public sealed class SdkCredentialSource : IAwsCredentialSource
{
    private readonly Lazy<Amazon.Runtime.AWSCredentials> resolved = new(() => DefaultAWSCredentialsIdentityResolver.GetCredentials(null));

    public async ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var current = await resolved.Value.GetCredentialsAsync().ConfigureAwait(false);
        return new AwsCredentials(current.AccessKey, current.SecretKey, string.IsNullOrEmpty(current.Token) ? null : current.Token);
    }
}
