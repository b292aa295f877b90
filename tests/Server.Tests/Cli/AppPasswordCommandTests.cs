using AuroraTime.Server.Auth;
using AuroraTime.Server.Cli;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Tests.Cli;

public class AppPasswordCommandTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private async Task AddUserAsync(string name) =>
        Assert.Equal(0, (await CliRunner.RunWithInputAsync("account-password\n", "user", "add", name, "--password-stdin", "--data", _data.Path)).ExitCode);

    [Fact]
    public async Task Create_prints_the_secret_once_and_stores_only_its_hash()
    {
        await AddUserAsync("alice");

        var result = await CliRunner.RunAsync("app-password", "create", "alice", "phone", "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var secret = result.LastLine;
        await using var store = await StoreAccess.OpenAsync(_data.Path);
        var stored = Assert.Single((await store.ListAppPasswordsAsync("alice", PageRequest.First(10))).Items);
        Assert.Equal("phone", stored.Label);
        Assert.StartsWith(stored.Id + "-", secret);
        Assert.DoesNotContain(secret, stored.Hash);
        Assert.True(PasswordHasher.VerifyGeneratedSecret(secret, stored.Hash));
    }

    [Fact]
    public async Task List_shows_ids_and_labels_but_never_secrets()
    {
        await AddUserAsync("bob");
        var secret = (await CliRunner.RunAsync("app-password", "create", "bob", "laptop", "--data", _data.Path)).LastLine;

        var list = await CliRunner.RunAsync("app-password", "list", "bob", "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, list.ExitCode);
        Assert.Contains(secret[..8] + "\t", list.Out);
        Assert.Contains("laptop", list.Out);
        Assert.DoesNotContain(secret, list.Out);
    }

    [Fact]
    public async Task Revoke_deletes_the_app_password_and_a_second_revoke_fails()
    {
        await AddUserAsync("carol");
        var id = (await CliRunner.RunAsync("app-password", "create", "carol", "--data", _data.Path)).LastLine[..8];

        var first = await CliRunner.RunAsync("app-password", "revoke", "carol", id, "--data", _data.Path);
        var second = await CliRunner.RunAsync("app-password", "revoke", "carol", id, "--data", _data.Path);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(ExitCodes.Failure, second.ExitCode);
        await using var store = await StoreAccess.OpenAsync(_data.Path);
        Assert.Null(await store.GetAppPasswordAsync("carol", id));
    }

    [Fact]
    public async Task App_passwords_of_an_unknown_user_fail_with_exit_code_1()
    {
        Assert.Equal(ExitCodes.Failure, (await CliRunner.RunAsync("app-password", "create", "ghost", "--data", _data.Path)).ExitCode);
        Assert.Equal(ExitCodes.Failure, (await CliRunner.RunAsync("app-password", "list", "ghost", "--data", _data.Path)).ExitCode);
    }
}
