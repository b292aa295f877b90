using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Net.Http.Headers;

namespace AuroraTime.Server.Tests.Web;

/// <summary>
/// Acts like a browser on the TestServer: keeps the cookies the server sets (TestServer's client has no
/// cookie jar), reads the CSRF tokens out of the pages, and signs in through the real form.
/// </summary>
public sealed partial class PageVisitor(WebApplication app) : IDisposable
{
    private readonly HttpClient _client = app.GetTestClient();

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Set-Cookie headers of the last response, parsed.</summary>
    public IList<SetCookieHeaderValue> LastSetCookies { get; private set; } = [];

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await _client.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? SetCookieHeaderValue.ParseList(values.ToList()) : [];
        foreach (var cookie in LastSetCookies)
        {
            var expired = cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow;
            if (expired || cookie.Value.Length == 0)
            {
                Cookies.Remove(cookie.Name.ToString());
            }
            else
            {
                Cookies[cookie.Name.ToString()] = cookie.Value.ToString();
            }
        }
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return SendAsync(request);
    }

    /// <summary>Loads the sign-in page and returns its hidden CSRF token.</summary>
    public async Task<string> OpenSignInFormAsync()
    {
        using var response = await GetAsync("/app/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HiddenToken(await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        var token = await OpenSignInFormAsync();
        return await PostFormAsync("/app/signin", new Dictionary<string, string> { ["csrf"] = token, ["userName"] = userName, ["password"] = password });
    }

    /// <summary>Signs in and returns the session's CSRF token, as the page's meta tag carries it.</summary>
    public async Task<string> SignInAndReadCsrfAsync(string userName, string password)
    {
        using var signIn = await SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        using var page = await GetAsync("/app/");
        var html = await page.Content.ReadAsStringAsync();
        var match = MetaCsrf().Match(html);
        Assert.True(match.Success, "the signed-in page carries its CSRF token\n" + html);
        return match.Groups[1].Value;
    }

    public static string HiddenToken(string html)
    {
        var match = HiddenCsrf().Match(html);
        Assert.True(match.Success, "the form carries a hidden CSRF token\n" + html);
        return match.Groups[1].Value;
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"csrf\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenCsrf();

    [GeneratedRegex("<meta name=\"aurora-csrf\" content=\"([^\"]+)\">")]
    private static partial Regex MetaCsrf();
}
