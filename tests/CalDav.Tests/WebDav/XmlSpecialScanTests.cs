using System.Text;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

/// <summary>
/// XmlSpecialScan's vector blocks and scalar tail must find exactly what the one-character rules say,
/// at every offset of a block and of the overlapping last block: each special and each harmless
/// neighbour is planted at every position of spans of several lengths around the block sizes.
/// </summary>
public sealed class XmlSpecialScanTests
{
    private static readonly int[] Lengths = [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 100];

    [Fact]
    public void Every_byte_value_is_found_at_every_position_exactly_when_text_needs_it()
    {
        for (var value = 0; value < 256; value++)
        {
            var special = value < 0x20 ? value is not ('\t' or '\n') : value is '&' or '<' or '>' or 0xEF;
            Assert.Equal(special, XmlSpecialScan.IsTextSpecial((byte)value));
            foreach (var length in Lengths)
            {
                for (var at = 0; at < length; at++)
                {
                    var bytes = Enumerable.Repeat((byte)'a', length).ToArray();
                    bytes[at] = (byte)value;
                    Assert.Equal(special ? at : -1, XmlSpecialScan.IndexOfTextSpecial(bytes));
                }
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_interesting_char_is_found_at_every_position_exactly_when_the_context_needs_it(bool attribute)
    {
        // All of C0 and ASCII, neighbours of the vector tests' constants, surrogates and the top of the BMP.
        var candidates = Enumerable.Range(0, 0x80).Concat([0xE0, 0xEF, 0xFF, 0x100, 0x126, 0x13C, 0xFFE0, 0xD800, 0xDFFF, 0xFFFD, 0xFFFE, 0xFFFF]);
        foreach (var value in candidates)
        {
            var c = (char)value;
            var special = c < 0x20 ? attribute || c is not ('\t' or '\n') : c is '&' or '<' or '>' or '\uFFFE' or '\uFFFF' || (attribute && c == '"');
            Assert.Equal(special, XmlSpecialScan.IsSpecial(c, attribute));
            foreach (var length in Lengths)
            {
                for (var at = 0; at < length; at++)
                {
                    var text = new string('a', at) + c + new string('a', length - at - 1);
                    var found = attribute ? XmlSpecialScan.IndexOfAttributeSpecial(text) : XmlSpecialScan.IndexOfTextSpecial(text);
                    Assert.True((special ? at : -1) == found, $"U+{value:X4} at {at} of {length}: found {found}");
                }
            }
        }
    }

    [Fact]
    public void The_first_of_several_specials_is_found_in_a_long_calendar_text()
    {
        var ics = string.Concat(Enumerable.Repeat("DESCRIPTION:plain text without any markup at all;", 5)) + "\r\nX:&<";

        Assert.Equal(ics.IndexOf('\r'), XmlSpecialScan.IndexOfTextSpecial(ics));
        Assert.Equal(ics.IndexOf('\r'), XmlSpecialScan.IndexOfTextSpecial(Encoding.UTF8.GetBytes(ics)));
        Assert.Equal(-1, XmlSpecialScan.IndexOfTextSpecial(ics.AsSpan(0, ics.IndexOf('\r'))));
        Assert.Equal(-1, XmlSpecialScan.IndexOfTextSpecial(ReadOnlySpan<byte>.Empty));
    }
}
