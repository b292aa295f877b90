using AuroraTime.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace AuroraTime.Server.Tests.Hosting;

/// <summary>
/// The executable turns off ASP.NET Core's appsettings.json watcher (a recursive inotify watch of the
/// working directory) unless the operator chose otherwise. tests/Interop/aot-publish.sh checks the
/// published binary really holds no inotify watch after start.
/// </summary>
public class ProcessDefaultsTests
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    private void Apply() => ProcessDefaults.Apply(name => _environment.GetValueOrDefault(name), (name, value) => _environment[name] = value);

    [Fact]
    public void Without_a_setting_the_watcher_is_turned_off()
    {
        Apply();

        Assert.Equal("false", Assert.Single(_environment).Value);
        Assert.Equal("DOTNET_hostBuilder__reloadConfigOnChange", _environment.Keys.Single());
    }

    [Theory]
    [InlineData("DOTNET_hostBuilder__reloadConfigOnChange")]
    [InlineData("ASPNETCORE_hostBuilder__reloadConfigOnChange")]
    public void An_explicit_setting_under_either_prefix_wins(string variable)
    {
        _environment[variable] = "true";

        Apply();

        Assert.Equal("true", Assert.Single(_environment).Value);
    }

    [Fact]
    public void The_builder_reads_the_variable_and_then_does_not_watch_appsettings()
    {
        // The one place the switch is read: WebApplication.CreateSlimBuilder, from the process environment.
        var before = Environment.GetEnvironmentVariable(ProcessDefaults.ReloadConfigOnChangeVariable);
        try
        {
            Environment.SetEnvironmentVariable(ProcessDefaults.ReloadConfigOnChangeVariable, "false");
            var builder = WebApplication.CreateSlimBuilder();
            var json = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<JsonConfigurationSource>().ToList();

            Assert.NotEmpty(json);
            Assert.All(json, source => Assert.False(source.ReloadOnChange));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ProcessDefaults.ReloadConfigOnChangeVariable, before);
        }
    }
}
