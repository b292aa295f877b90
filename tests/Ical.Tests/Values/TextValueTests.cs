using AuroraTime.Ical.Values;

namespace AuroraTime.Ical.Tests.Values;

// RFC 5545 3.3.11 TEXT: ESCAPED-CHAR = ("\\" / "\;" / "\," / "\N" / "\n")
public class TextValueTests
{
    [Theory]
    [InlineData(@"Project XYZ Final Review\nConference Room - 3B\nCome Prepared.", "Project XYZ Final Review\nConference Room - 3B\nCome Prepared.")]
    [InlineData(@"a\,b\;c\\d\Ne", "a,b;c\\d\ne")]
    [InlineData(@"no escapes", "no escapes")]
    [InlineData(@"unknown \: escape", "unknown : escape")]
    [InlineData(@"trailing \", "trailing \\")]
    [InlineData(@"Grüße\, 東京", "Grüße, 東京")]
    public void Unescape_resolves_the_rfc_escapes(string raw, string expected)
    {
        Assert.Equal(expected, TextValue.Unescape(raw));
    }

    [Fact]
    public void Escape_escapes_specials_and_every_kind_of_line_break()
    {
        Assert.Equal(@"a\,b\;c\\d\ne\nf\ng", TextValue.Escape("a,b;c\\d\r\ne\nf\rg"));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a,b;c\\d\ne")]
    [InlineData("\\,\\;\\n")]
    [InlineData("Ünïcødé ✓ 😀")]
    public void Unescape_undoes_Escape(string text)
    {
        Assert.Equal(text, TextValue.Unescape(TextValue.Escape(text)));
    }

    [Fact]
    public void SplitList_splits_at_unescaped_commas_only()
    {
        Assert.Equal(["APPOINTMENT", "EDUCATION", "a,b", ""], TextValue.SplitList(@"APPOINTMENT,EDUCATION,a\,b,"));
    }
}
