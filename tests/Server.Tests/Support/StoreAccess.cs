using AuroraTime.Server.Configuration;
using AuroraTime.Server.Hosting;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Tests.Support;

/// <summary>Opens a data folder's store directly, as a second process would.</summary>
public static class StoreAccess
{
    public static Task<IStore> OpenAsync(string dataFolder) =>
        StoreFactory.OpenAsync(new AuroraSettings { DataFolder = dataFolder });

    public static async Task<Account?> AccountAsync(string dataFolder, string userName)
    {
        await using var store = await OpenAsync(dataFolder);
        return await store.GetAccountAsync(userName);
    }
}
