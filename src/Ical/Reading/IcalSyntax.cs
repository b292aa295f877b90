using System.Buffers;

namespace AuroraTime.Ical.Reading;

/// <summary>Byte classes of the RFC 5545 section 3.1 content-line grammar.</summary>
internal static class IcalSyntax
{
    public const byte Cr = (byte)'\r';
    public const byte Lf = (byte)'\n';
    public const byte Space = (byte)' ';
    public const byte Tab = (byte)'\t';
    public const byte Quote = (byte)'"';
    public const int MaxLineOctets = 75;

    /// <summary>iana-token / x-name characters: ALPHA / DIGIT / "-".</summary>
    public static readonly SearchValues<byte> NameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"u8);

    /// <summary>Ends an unquoted parameter value (paramtext excludes DQUOTE ; : ,).</summary>
    public static readonly SearchValues<byte> ParamTextStops = SearchValues.Create(";:,\""u8);

    /// <summary>CTL except HTAB, which neither VALUE-CHAR, SAFE-CHAR nor QSAFE-CHAR allow.</summary>
    public static readonly SearchValues<byte> Controls = SearchValues.Create(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0A\x0B\x0C\x0D\x0E\x0F\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F\x7F"u8);

    public static ReadOnlySpan<byte> Begin => "BEGIN"u8;
    public static ReadOnlySpan<byte> End => "END"u8;
    public static ReadOnlySpan<byte> TzId => "TZID"u8;
    public static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];
}
