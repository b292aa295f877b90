using AuroraTime.Server.Auth;
using AuroraTime.Server.Cli;
using AuroraTime.Server.Tests.Support;

namespace AuroraTime.Server.Tests.Cli;

public class UserCommandTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task User_add_with_password_stdin_stores_a_hash_that_verifies_that_password()
    {
        var result = await CliRunner.RunWithInputAsync("correct horse battery\n", "user", "add", "alice", "--password-stdin", "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("correct horse", result.Out + result.Error);
        var account = await StoreAccess.AccountAsync(_data.Path, "alice");
        Assert.NotNull(account);
        Assert.True(PasswordHasher.Verify("correct horse battery", account.PasswordHash));
    }

    [Fact]
    public async Task User_add_without_stdin_generates_a_password_and_prints_it_once_on_stdout()
    {
        var result = await CliRunner.RunAsync("user", "add", "bob", "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var printed = result.LastLine;
        Assert.True(printed.Length >= 20, result.ToString());
        var account = await StoreAccess.AccountAsync(_data.Path, "bob");
        Assert.True(PasswordHasher.Verify(printed, account!.PasswordHash));
    }

    [Fact]
    public async Task Adding_an_existing_user_fails_with_exit_code_1_and_keeps_the_old_password()
    {
        await CliRunner.RunWithInputAsync("first-password\n", "user", "add", "carol", "--password-stdin", "--data", _data.Path);

        var again = await CliRunner.RunWithInputAsync("second-password\n", "user", "add", "carol", "--password-stdin", "--data", _data.Path);

        Assert.Equal(ExitCodes.Failure, again.ExitCode);
        Assert.Contains("already exists", again.Error);
        Assert.True(PasswordHasher.Verify("first-password", (await StoreAccess.AccountAsync(_data.Path, "carol"))!.PasswordHash));
    }

    [Theory]
    [InlineData("bad:name")] // Basic auth cannot carry a ':' in the user-id (RFC 7617 section 2).
    [InlineData("../etc")]
    [InlineData("white space")]
    public async Task Invalid_user_names_are_refused(string name)
    {
        var result = await CliRunner.RunWithInputAsync("long-enough-pw\n", "user", "add", name, "--password-stdin", "--data", _data.Path);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("not a valid user name", result.Error);
    }

    [Fact]
    public async Task A_too_short_or_missing_stdin_password_is_refused()
    {
        var shortOne = await CliRunner.RunWithInputAsync("short\n", "user", "add", "dave", "--password-stdin", "--data", _data.Path);
        var missing = await CliRunner.RunWithInputAsync("", "user", "add", "dave", "--password-stdin", "--data", _data.Path);

        Assert.Equal(ExitCodes.Failure, shortOne.ExitCode);
        Assert.Equal(ExitCodes.Failure, missing.ExitCode);
        Assert.Null(await StoreAccess.AccountAsync(_data.Path, "dave"));
    }

    [Fact]
    public async Task User_passwd_replaces_the_password()
    {
        await CliRunner.RunWithInputAsync("old-password\n", "user", "add", "erin", "--password-stdin", "--data", _data.Path);

        var result = await CliRunner.RunWithInputAsync("new-password\n", "user", "passwd", "erin", "--password-stdin", "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var hash = (await StoreAccess.AccountAsync(_data.Path, "erin"))!.PasswordHash;
        Assert.True(PasswordHasher.Verify("new-password", hash));
        Assert.False(PasswordHasher.Verify("old-password", hash));
    }

    [Fact]
    public async Task User_passwd_and_delete_of_an_unknown_user_fail_with_exit_code_1()
    {
        Assert.Equal(ExitCodes.Failure, (await CliRunner.RunWithInputAsync("new-password\n", "user", "passwd", "nobody", "--password-stdin", "--data", _data.Path)).ExitCode);
        Assert.Equal(ExitCodes.Failure, (await CliRunner.RunAsync("user", "delete", "nobody", "--data", _data.Path)).ExitCode);
    }

    [Fact]
    public async Task User_delete_removes_the_account()
    {
        await CliRunner.RunWithInputAsync("some-password\n", "user", "add", "frank", "--password-stdin", "--data", _data.Path);

        var result = await CliRunner.RunAsync("user", "delete", "frank", "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Null(await StoreAccess.AccountAsync(_data.Path, "frank"));
    }

    [Theory]
    [InlineData]
    [InlineData("user")]
    [InlineData("user", "add")]
    [InlineData("frobnicate")]
    [InlineData("user", "add", "x", "--no-such-option")]
    [InlineData("import", "alice", "work")]
    public async Task Usage_errors_exit_with_code_2_and_say_what_is_wrong(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("aurora --help", result.Error);
    }

    [Fact]
    public async Task Help_exits_with_code_0_and_lists_the_commands()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var command in new[] { "serve", "user", "app-password", "import", "export" })
        {
            Assert.Contains(command, result.Out);
        }
    }

    [Fact]
    public async Task The_data_folder_comes_from_the_AURORA_DATA_setting_when_no_flag_is_given()
    {
        // The same configuration path as the AURORA_DATA environment variable, without mutating the process environment.
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new Dictionary<string, string?>(CliRunner.FastHashing) { ["Data"] = _data.Path };
        var context = new CliContext(new StringReader("from-settings-pw\n"), output, error, settings);

        var exit = await AuroraCli.RunAsync(["user", "add", "gina", "--password-stdin"], context);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.NotNull(await StoreAccess.AccountAsync(_data.Path, "gina"));
    }

    [Fact]
    public async Task The_AURORA_DATA_environment_variable_picks_the_data_folder()
    {
        // Every other test passes --data or an explicit setting, which win over the environment.
        Environment.SetEnvironmentVariable("AURORA_DATA", _data.Path);
        try
        {
            var result = await CliRunner.RunWithInputAsync("from-environment-pw\n", "user", "add", "hana", "--password-stdin");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AURORA_DATA", null);
        }
        Assert.NotNull(await StoreAccess.AccountAsync(_data.Path, "hana"));
    }
}
