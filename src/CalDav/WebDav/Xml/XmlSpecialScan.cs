using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AuroraTime.CalDav.WebDav.Xml;

/// <summary>
/// Finds the first character that <see cref="Utf8XmlOutput"/> cannot copy as it is: the XML 1.0
/// escapes and the characters XML cannot carry (its remarks list them). Text content: C0 controls
/// other than TAB and LF (so CR too), <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, U+FFFE and U+FFFF; in UTF-8
/// the byte 0xEF stands in for the last two (it starts them and is checked by the caller). Attribute
/// values: every C0 control, those three and <c>"</c>, U+FFFE and U+FFFF.
/// </summary>
/// <remarks>
/// Why not <c>IndexOfAny(SearchValues)</c>: the shipped Native AOT binary targets the x64 baseline, where
/// the SearchValues searchers call <c>Vector128.Shuffle</c> as a function (no SSSE3 to inline it as one
/// instruction). That call was 13% of a calendar-multiget's CPU (perf, session 5). These tests use only
/// compares, ANDs and ORs, which SSE2 (in every x64 baseline) and AdvSimd have; a scalar loop covers the
/// rest and short tails.
/// </remarks>
internal static class XmlSpecialScan
{
    /// <summary>The index of the first byte text content needs escaped or checked, or -1.</summary>
    public static int IndexOfTextSpecial(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated && utf8.Length >= Vector128<byte>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(utf8);
            var lastBlock = utf8.Length - Vector128<byte>.Count;
            for (; i < lastBlock; i += Vector128<byte>.Count)
            {
                var found = TextSpecial(Vector128.LoadUnsafe(ref start, (nuint)i));
                if (found != Vector128<byte>.Zero)
                {
                    return i + FirstSet(found);
                }
            }
            // The last block overlaps bytes already found clean, so its first hit is at or after i.
            var last = TextSpecial(Vector128.LoadUnsafe(ref start, (nuint)lastBlock));
            return last == Vector128<byte>.Zero ? -1 : lastBlock + FirstSet(last);
        }
        for (; i < utf8.Length; i++)
        {
            if (IsTextSpecial(utf8[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The index of the first character text content needs escaped or replaced, or -1.</summary>
    public static int IndexOfTextSpecial(ReadOnlySpan<char> text) => IndexOfSpecial(text, attribute: false);

    /// <summary>The index of the first character an attribute value needs escaped or replaced, or -1.</summary>
    public static int IndexOfAttributeSpecial(ReadOnlySpan<char> value) => IndexOfSpecial(value, attribute: true);

    public static bool IsTextSpecial(byte b) => b < 0x20 ? b is not ((byte)'\t' or (byte)'\n') : b is (byte)'&' or (byte)'<' or (byte)'>' or 0xEF;

    public static bool IsSpecial(char c, bool attribute) =>
        c < 0x20 ? attribute || c is not ('\t' or '\n') : c is '&' or '<' or '>' or '\uFFFE' or '\uFFFF' || (attribute && c == '"');

    private static int IndexOfSpecial(ReadOnlySpan<char> text, bool attribute)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<ushort>.Count)
        {
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var lastBlock = text.Length - Vector128<ushort>.Count;
            for (; i < lastBlock; i += Vector128<ushort>.Count)
            {
                var found = CharSpecial(Vector128.LoadUnsafe(ref start, (nuint)i), attribute);
                if (found != Vector128<ushort>.Zero)
                {
                    return i + FirstSet(found.AsByte()) / sizeof(char);
                }
            }
            var last = CharSpecial(Vector128.LoadUnsafe(ref start, (nuint)lastBlock), attribute);
            return last == Vector128<ushort>.Zero ? -1 : lastBlock + FirstSet(last.AsByte()) / sizeof(char);
        }
        for (; i < text.Length; i++)
        {
            if (IsSpecial(text[i], attribute))
            {
                return i;
            }
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> TextSpecial(Vector128<byte> v)
    {
        // A C0 control has none of the top three bits set; TAB and LF are the two that text keeps.
        var control = Vector128.Equals(v & Vector128.Create((byte)0xE0), Vector128<byte>.Zero)
            & ~(Vector128.Equals(v, Vector128.Create((byte)'\t')) | Vector128.Equals(v, Vector128.Create((byte)'\n')));
        return control
            | Vector128.Equals(v, Vector128.Create((byte)'&'))
            | Vector128.Equals(v, Vector128.Create((byte)'<'))
            | Vector128.Equals(v, Vector128.Create((byte)'>'))
            | Vector128.Equals(v, Vector128.Create((byte)0xEF));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> CharSpecial(Vector128<ushort> v, bool attribute)
    {
        var control = Vector128.Equals(v & Vector128.Create((ushort)0xFFE0), Vector128<ushort>.Zero);
        var markup = Vector128.Equals(v, Vector128.Create((ushort)'&'))
            | Vector128.Equals(v, Vector128.Create((ushort)'<'))
            | Vector128.Equals(v, Vector128.Create((ushort)'>'))
            | Vector128.Equals(v | Vector128.Create((ushort)1), Vector128.Create((ushort)0xFFFF)); // U+FFFE, U+FFFF
        if (attribute)
        {
            return control | markup | Vector128.Equals(v, Vector128.Create((ushort)'"'));
        }
        var kept = Vector128.Equals(v, Vector128.Create((ushort)'\t')) | Vector128.Equals(v, Vector128.Create((ushort)'\n'));
        return (control & ~kept) | markup;
    }

    /// <summary>The index of the first all-ones byte of a compare result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FirstSet(Vector128<byte> found) => BitOperations.TrailingZeroCount(found.ExtractMostSignificantBits());
}
