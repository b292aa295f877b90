using AuroraTime.Server.Auth;

namespace AuroraTime.Server.Tests.Auth;

public class PasswordHasherTests
{
    // A low cost keeps the tests quick; the format records the cost, so verification is the same code.
    private readonly PasswordHasher _hasher = new(iterations: 1_000);

    [Fact]
    public void A_hash_verifies_its_own_password_and_no_other()
    {
        var stored = _hasher.Hash("correct horse");
        Assert.True(PasswordHasher.Verify("correct horse", stored));
        Assert.False(PasswordHasher.Verify("correct hors", stored));
        Assert.False(PasswordHasher.Verify("", stored));
    }

    [Fact]
    public void Two_hashes_of_one_password_differ_because_of_the_salt()
    {
        Assert.NotEqual(_hasher.Hash("pw"), _hasher.Hash("pw"));
    }

    [Fact]
    public void The_stored_form_does_not_contain_the_password()
    {
        var stored = _hasher.Hash("plain-secret-123");
        Assert.DoesNotContain("plain-secret-123", stored);
        Assert.StartsWith("pbkdf2-sha256$1000$", stored);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$1000$bad$bad")]
    [InlineData("md5$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void A_malformed_stored_value_never_matches(string stored)
    {
        Assert.False(PasswordHasher.Verify("anything", stored));
    }

    [Fact]
    public void A_generated_secret_hash_verifies_its_secret_and_no_other()
    {
        var stored = PasswordHasher.HashGeneratedSecret("0a1b2c3d-ABCDEFGHJKLMNPQRSTUVWXYZ");

        Assert.StartsWith("sha256-salted$", stored);
        Assert.DoesNotContain("ABCDEFGHJKLMNPQRSTUVWXYZ", stored);
        Assert.True(PasswordHasher.VerifyGeneratedSecret("0a1b2c3d-ABCDEFGHJKLMNPQRSTUVWXYZ", stored));
        Assert.False(PasswordHasher.VerifyGeneratedSecret("0a1b2c3d-ABCDEFGHJKLMNPQRSTUVWXYz", stored));
        Assert.NotEqual(stored, PasswordHasher.HashGeneratedSecret("0a1b2c3d-ABCDEFGHJKLMNPQRSTUVWXYZ"));
    }

    [Fact]
    public void An_account_password_is_never_checked_against_a_generated_secret_hash()
    {
        // Verify is the account-password check: a fast hash stored there must not make it a fast check.
        Assert.False(PasswordHasher.Verify("secret", PasswordHasher.HashGeneratedSecret("secret")));
    }

    [Fact]
    public void A_generated_secret_still_verifies_against_a_PBKDF2_hash_from_before_the_fast_scheme()
    {
        var stored = _hasher.Hash("0a1b2c3d-ABCDEFGHJKLMNPQRSTUVWXYZ");

        Assert.True(PasswordHasher.VerifyGeneratedSecret("0a1b2c3d-ABCDEFGHJKLMNPQRSTUVWXYZ", stored));
        Assert.False(PasswordHasher.VerifyGeneratedSecret("0a1b2c3d-ABCDEFGHJKLMNPQRSTUVWXYz", stored));
    }

    [Theory]
    [InlineData("sha256-salted$bad$bad")]
    [InlineData("sha256-salted$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("sha256-salted$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void A_malformed_generated_secret_hash_never_matches(string stored)
    {
        Assert.False(PasswordHasher.VerifyGeneratedSecret("anything", stored));
    }
}
