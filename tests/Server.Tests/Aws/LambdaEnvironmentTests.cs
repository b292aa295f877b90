using AuroraTime.Server.Aws;

namespace AuroraTime.Server.Tests.Aws;

/// <summary>Lambda starts bootstrap without arguments; the Web Adapter forwards to 127.0.0.1:$AWS_LWA_PORT.</summary>
public class LambdaEnvironmentTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Inside_lambda_without_arguments_it_serves_on_loopback_at_the_adapter_port()
    {
        var arguments = LambdaEnvironment.Arguments([], Environment(("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"), ("AWS_LWA_PORT", "8181")));

        Assert.Equal(["serve", "--urls", "http://127.0.0.1:8181"], arguments);
    }

    [Fact]
    public void Without_AWS_LWA_PORT_it_uses_the_adapters_default_8080()
    {
        var arguments = LambdaEnvironment.Arguments([], Environment(("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")));

        Assert.Equal("http://127.0.0.1:8080", arguments[2]);
    }

    [Fact]
    public void Explicit_arguments_and_runs_outside_lambda_are_left_alone()
    {
        Assert.Equal(["user", "list"], LambdaEnvironment.Arguments(["user", "list"], Environment(("AWS_LAMBDA_RUNTIME_API", "x"))));
        Assert.Empty(LambdaEnvironment.Arguments([], Environment(("AWS_LWA_PORT", "8080"))));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    public void A_malformed_adapter_port_is_an_error_that_names_the_variable(string port)
    {
        var error = Assert.Throws<FormatException>(() => LambdaEnvironment.Arguments([], Environment(("AWS_LAMBDA_RUNTIME_API", "x"), ("AWS_LWA_PORT", port))));

        Assert.Contains("AWS_LWA_PORT", error.Message);
    }
}
