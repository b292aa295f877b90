using AuroraTime.Server.Aws.Cognito;
using Microsoft.Extensions.Configuration;

namespace AuroraTime.Server.Tests.Aws;

public class CognitoSettingsTests
{
    private static CognitoSettings? Read(params (string Key, string Value)[] values) =>
        CognitoSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Without_a_pool_cognito_is_off()
    {
        Assert.Null(Read(("Auth:CacheSeconds", "60")));
    }

    [Fact]
    public void The_issuer_and_jwks_url_follow_from_region_and_pool_as_AWS_documents_them()
    {
        var settings = Read(("Auth:Cognito:Region", "eu-west-1"), ("Auth:Cognito:UserPoolId", "eu-west-1_AbC123"), ("Auth:Cognito:ClientId", "c1, c2"))!;

        Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123", settings.Issuer);
        Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json", settings.JwksUrl);
        Assert.Equal(["c1", "c2"], settings.ClientIds);
        Assert.True(settings.RequireHttps);
    }

    [Theory]
    [InlineData("Auth:Cognito:Region")]
    [InlineData("Auth:Cognito:ClientId")]
    public void A_partial_configuration_names_the_missing_setting(string missingKey)
    {
        var values = new List<(string, string)> { ("Auth:Cognito:UserPoolId", "eu-west-1_AbC123"), ("Auth:Cognito:Region", "eu-west-1"), ("Auth:Cognito:ClientId", "c1") };
        values.RemoveAll(v => v.Item1 == missingKey);

        var error = Assert.Throws<InvalidOperationException>(() => Read([.. values]));

        Assert.Contains(missingKey, error.Message);
    }

    [Fact]
    public void A_plain_http_issuer_is_refused_unless_it_is_loopback()
    {
        Assert.Throws<InvalidOperationException>(() => Read(("Auth:Cognito:Issuer", "http://cognito.example.com/pool"), ("Auth:Cognito:ClientId", "c1")));
        Assert.False(Read(("Auth:Cognito:Issuer", "http://127.0.0.1:9229/local_1"), ("Auth:Cognito:ClientId", "c1"))!.RequireHttps);
    }
}
