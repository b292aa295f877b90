using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AuroraTime.Reminders.Aws;

/// <summary>
/// AWS Signature Version 4 (header form) for one region and service: canonical request, string to
/// sign, signing key, Authorization header. Our own code so the canonical request is under our
/// control (AWSSDK.Core's AWS4Signer is an Internal API); checked against the aws-c-auth test-suite
/// vectors and against the AWS JS SDK.
/// </summary>
/// <param name="normalizePath">Remove dot segments and empty segments from the path, as every service
/// but S3 expects.</param>
public sealed class SigV4Signer(string region, string service, bool normalizePath = true)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public string Region { get; } = region;

    public string Service { get; } = service;

    /// <summary>
    /// Signs an outgoing request: adds Host, X-Amz-Date, X-Amz-Security-Token (temporary credentials)
    /// X-Amz-Content-Sha256 and Authorization. Signs Host, Content-Type, Content-Length and every X-Amz-* header.
    /// </summary>
    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> payload, AwsCredentials credentials, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : uri.Authority;
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", AmzDate(signedAt));
        // Optional outside S3, but the AWS SDKs send and sign it; so do we, and requests compare equal.
        request.Headers.Remove("X-Amz-Content-Sha256");
        request.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", Hex(SHA256.HashData(payload)));
        request.Headers.Remove("X-Amz-Security-Token");
        if (credentials.SessionToken is { } token)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", token);
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in request.Headers)
        {
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) || header.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(new(header.Key, string.Join(',', header.Value)));
            }
        }
        if (request.Content is { } content)
        {
            if (content.Headers.ContentType is { } type)
            {
                headers.Add(new("Content-Type", type.ToString()));
            }
            content.Headers.ContentLength = payload.Length;
            headers.Add(new("Content-Length", payload.Length.ToString(CultureInfo.InvariantCulture)));
        }
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, payload, credentials, signedAt));
    }

    /// <summary>
    /// The Authorization header value for a request given as it goes on the wire: <paramref name="path"/>
    /// and <paramref name="query"/> as sent (percent-encoded or not); <paramref name="headers"/> are
    /// exactly the headers to sign, X-Amz-Date among them (repeated names allowed).
    /// </summary>
    public string Authorization(
        string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> payload, AwsCredentials credentials, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var canonical = CanonicalRequest(method, path, query, headers, Hex(SHA256.HashData(payload)), out var signedHeaders);
        var scope = CredentialScope(signedAt);
        var stringToSign = StringToSign(signedAt, scope, canonical);
        var signature = Hex(HMACSHA256.HashData(SigningKey(credentials.SecretAccessKey, signedAt), Encoding.UTF8.GetBytes(stringToSign)));
        return $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>Task 1 of the signing process: method, URI, query, headers, signed header names, payload hash.</summary>
    public string CanonicalRequest(string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, string payloadHash, out string signedHeaders)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            if (!byName.TryGetValue(key, out var values))
            {
                byName[key] = values = [];
            }
            values.Add(TrimAll(value));
        }
        signedHeaders = string.Join(';', byName.Keys);
        var builder = new StringBuilder();
        builder.Append(method).Append('\n')
            .Append(CanonicalUri(path)).Append('\n')
            .Append(CanonicalQuery(query)).Append('\n');
        foreach (var (name, values) in byName)
        {
            builder.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }
        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>Task 2: algorithm, request time, scope, hash of the canonical request.</summary>
    public static string StringToSign(DateTimeOffset signedAt, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{AmzDate(signedAt)}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    public string CredentialScope(DateTimeOffset signedAt) =>
        $"{signedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{Region}/{Service}/aws4_request";

    /// <summary>Task 3: HMAC chain over date, region, service and "aws4_request".</summary>
    public byte[] SigningKey(string secretAccessKey, DateTimeOffset signedAt)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { signedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Region, Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return key;
    }

    /// <summary>The ISO 8601 basic form SigV4 uses, e.g. 20150830T123600Z.</summary>
    public static string AmzDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The path as sent, normalised (unless turned off) and encoded once more segment by segment:
    /// services other than S3 sign the already-encoded path encoded again.
    /// </summary>
    private string CanonicalUri(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }
        var segments = path.Split('/');
        IEnumerable<string> kept = segments;
        var trailingSlash = path.Length > 1 && path.EndsWith('/');
        if (normalizePath)
        {
            // RFC 3986 section 5.2.4 remove_dot_segments, plus dropping empty segments ("//").
            var stack = new List<string>();
            foreach (var segment in segments)
            {
                if (segment is "" or ".")
                {
                    continue;
                }
                if (segment == "..")
                {
                    if (stack.Count > 0)
                    {
                        stack.RemoveAt(stack.Count - 1);
                    }
                    continue;
                }
                stack.Add(segment);
            }
            kept = stack;
            trailingSlash = stack.Count > 0 && (path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal));
            var joined = "/" + string.Join('/', stack.Select(UriEncoding.Encode));
            return trailingSlash ? joined + "/" : joined;
        }
        return string.Join('/', kept.Select(UriEncoding.Encode));
    }

    /// <summary>Pairs decoded, re-encoded with <see cref="UriEncoding"/>, sorted by name then value.</summary>
    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }
        var pairs = new List<(string Name, string Value)>();
        foreach (var part in query.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add((UriEncoding.Encode(UriEncoding.Decode(name)), UriEncoding.Encode(UriEncoding.Decode(value))));
        }
        return string.Join('&', pairs
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>Trims the value and collapses runs of spaces to one (the "Trimall" of the SigV4 spec).</summary>
    private static string TrimAll(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                if (!space)
                {
                    builder.Append(c);
                }
                space = true;
            }
            else
            {
                builder.Append(c);
                space = false;
            }
        }
        return builder.ToString();
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
