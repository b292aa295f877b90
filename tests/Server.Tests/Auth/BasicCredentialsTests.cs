using System.Text;
using AuroraTime.Server.Auth;

namespace AuroraTime.Server.Tests.Auth;

public class BasicCredentialsTests
{
    private static string Header(string raw, string scheme = "Basic") =>
        $"{scheme} {Convert.ToBase64String(Encoding.UTF8.GetBytes(raw))}";

    [Fact]
    public void Parses_user_and_password_and_keeps_colons_in_the_password()
    {
        Assert.True(BasicCredentials.TryParse(Header("alice:pa:ss"), out var c));
        Assert.Equal("alice", c.UserName);
        Assert.Equal("pa:ss", c.Password);
    }

    [Fact]
    public void The_scheme_is_case_insensitive_and_credentials_are_utf8()
    {
        Assert.True(BasicCredentials.TryParse(Header("jürgen:pässword", "basic"), out var c));
        Assert.Equal("jürgen", c.UserName);
        Assert.Equal("pässword", c.Password);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!")]
    [InlineData("Basic bm9jb2xvbg==")] // "nocolon"
    [InlineData("Basic OnB3")] // ":pw", empty user
    public void Anything_else_is_not_a_credential(string? header)
    {
        Assert.False(BasicCredentials.TryParse(header, out _));
    }

    [Fact]
    public void ToString_hides_the_password()
    {
        Assert.DoesNotContain("secret", new BasicCredentials("u", "secret").ToString());
    }
}
