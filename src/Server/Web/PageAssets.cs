using System.Collections.Frozen;
using System.Text;

namespace AuroraTime.Server.Web;

/// <summary>
/// The page's files, embedded in the executable (one self-contained binary, also on Lambda), read once.
/// Static files (CSS, JS) are served as they are; the two HTML templates get the per-request values
/// (HTML-encoded) through <see cref="Render"/>.
/// </summary>
public sealed class PageAssets
{
    private const string ResourcePrefix = "web/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".html"] = "text/html; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, byte[]> _files;

    public PageAssets()
    {
        var assembly = typeof(PageAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[ResourcePrefix.Length..]] = copy.ToArray();
        }
        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A static file by name ("app.js"), with its content type; templates are not served raw.</summary>
    public bool TryGetStatic(string name, out byte[] content, out string contentType)
    {
        content = [];
        contentType = string.Empty;
        var extension = Path.GetExtension(name);
        if (extension == ".html" || !ContentTypes.TryGetValue(extension, out var type) || !_files.TryGetValue(name, out var bytes))
        {
            return false;
        }
        (content, contentType) = (bytes, type);
        return true;
    }

    /// <summary>The template with each <c>{{key}}</c> replaced by its HTML-encoded value (values from
    /// <paramref name="rawHtml"/> go in as they are and must be built from encoded parts).</summary>
    public string Render(string template, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? rawHtml = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder(Encoding.UTF8.GetString(_files[template]));
        foreach (var (key, value) in values)
        {
            text.Replace("{{" + key + "}}", System.Net.WebUtility.HtmlEncode(value));
        }
        foreach (var (key, value) in rawHtml ?? new Dictionary<string, string>())
        {
            text.Replace("{{" + key + "}}", value);
        }
        return text.ToString();
    }
}
