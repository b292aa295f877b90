using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AuroraTime.Reminders.Tests.Email;

/// <summary>
/// A throw-away CA and a server certificate it signed for localhost, written as PEM files
/// for aiosmtpd (cert + key) and for our client (the CA file), plus a second, unrelated CA.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(string folder) => Folder = folder;

    public string Folder { get; }

    public string ServerCertificateFile => Path.Combine(Folder, "server.pem");

    public string ServerKeyFile => Path.Combine(Folder, "server.key");

    public string AuthorityFile => Path.Combine(Folder, "ca.pem");

    public string OtherAuthorityFile => Path.Combine(Folder, "other-ca.pem");

    /// <summary>SHA-256 of the server certificate's DER bytes, hex.</summary>
    public string ServerSha256 { get; private set; } = "";

    public static TestCertificates Create()
    {
        var certificates = new TestCertificates(Directory.CreateTempSubdirectory("aurora-tls-").FullName);
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var authority = SelfSignedAuthority("CN=AuroraTime Test CA", authorityKey, now);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = SelfSignedAuthority("CN=Some Other CA", otherKey, now);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost"); // only the name: connecting by 127.0.0.1 is a name mismatch
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(authority, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, 4, 5, 6, 7, 8]);

        File.WriteAllText(certificates.ServerCertificateFile, server.ExportCertificatePem());
        File.WriteAllText(certificates.ServerKeyFile, serverKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificates.AuthorityFile, authority.ExportCertificatePem());
        File.WriteAllText(certificates.OtherAuthorityFile, other.ExportCertificatePem());
        certificates.ServerSha256 = Convert.ToHexString(SHA256.HashData(server.RawData));
        return certificates;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static X509Certificate2 SelfSignedAuthority(string subject, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(now.AddMinutes(-10), now.AddDays(2));
    }
}
