using System.Text;
using AuroraTime.Ical.Reading;

namespace AuroraTime.Ical.Tests.Reading;

// RFC 5545 3.1 content lines: contentline = name *(";" param ) ":" value CRLF
public partial class IcalReaderTests
{
    private const string Minimal =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1\r\n" +
        "DTSTART;TZID=Europe/Berlin:20240101T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    private static List<(IcalTokenType Type, string Name, string Value, int Line)> Tokens(string text, IcalReaderOptions? options = null)
    {
        var tokens = new List<(IcalTokenType, string, string, int)>();
        var reader = new IcalReader(Encoding.UTF8.GetBytes(text), options);
        try
        {
            while (reader.Read())
            {
                tokens.Add((reader.TokenType, Encoding.UTF8.GetString(reader.NameSpan), Encoding.UTF8.GetString(reader.ValueSpan), reader.Line));
            }
        }
        finally
        {
            reader.Dispose();
        }
        return tokens;
    }

    [Fact]
    public void Read_yields_begin_property_and_end_tokens_with_their_lines()
    {
        var tokens = Tokens(Minimal);
        Assert.Equal(8, tokens.Count);
        Assert.Equal((IcalTokenType.BeginComponent, "VCALENDAR", "", 1), tokens[0]);
        Assert.Equal((IcalTokenType.Property, "VERSION", "2.0", 2), tokens[1]);
        Assert.Equal((IcalTokenType.BeginComponent, "VEVENT", "", 4), tokens[3]);
        Assert.Equal((IcalTokenType.Property, "DTSTART", "20240101T090000", 6), tokens[5]);
        Assert.Equal((IcalTokenType.EndComponent, "VCALENDAR", "", 8), tokens[7]);
    }

    [Fact]
    public void Folded_lines_are_unfolded_by_removing_crlf_and_one_whitespace()
    {
        // RFC 5545 3.1: the CRLF and the single following space or tab are removed.
        var text = "BEGIN:VCALENDAR\r\nDESCRIPTION:This is a lo\r\n ng description\r\n\t that exists on a long line.\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
        var tokens = Tokens(text);
        Assert.Equal("This is a long description that exists on a long line.", tokens[1].Value);
        Assert.Equal(2, tokens[1].Line);
        Assert.Equal(5, tokens[2].Line);
    }

    [Fact]
    public void A_fold_may_split_a_utf8_sequence_and_still_unfold_to_valid_text()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:gr"));
        var umlaut = Encoding.UTF8.GetBytes("ü");
        bytes.Add(umlaut[0]);
        bytes.AddRange("\r\n "u8.ToArray());
        bytes.Add(umlaut[1]);
        bytes.AddRange(Encoding.UTF8.GetBytes("n\r\nEND:VCALENDAR\r\n"));
        var reader = new IcalReader(bytes.ToArray());
        reader.Read();
        reader.Read();
        reader.Read();
        Assert.Equal("grün", Encoding.UTF8.GetString(reader.ValueSpan));
        reader.Dispose();
    }

    [Fact]
    public void Parameters_are_read_with_quoted_values_lists_and_caret_escapes()
    {
        var text = "BEGIN:VCALENDAR\r\nATTENDEE;ROLE=REQ-PARTICIPANT;DELEGATED-FROM=\"mailto:a@example.com\",\"mailto:b@example.com\";" +
                   "CN=\"George Herman ^'Babe^' Ruth\";X-ADR=\"Line1^nLine2 ^^ ^x\":mailto:c@example.com\r\nEND:VCALENDAR\r\n";
        var reader = new IcalReader(Encoding.UTF8.GetBytes(text), IcalReaderOptions.Lenient);
        reader.Read();
        reader.Read();
        var seen = new List<string>();
        foreach (var parameter in reader.GetParameters())
        {
            var values = new List<string>();
            var enumerator = parameter.GetValues();
            while (enumerator.MoveNext())
            {
                var buffer = new byte[enumerator.Current.Length];
                var length = IcalReader.DecodeParameterValue(enumerator.Current, buffer);
                values.Add(Encoding.UTF8.GetString(buffer, 0, length) + (enumerator.CurrentIsQuoted ? "(q)" : ""));
            }
            seen.Add(Encoding.UTF8.GetString(parameter.NameSpan) + "=" + string.Join("|", values));
        }
        Assert.Equal(
            [
                "ROLE=REQ-PARTICIPANT",
                "DELEGATED-FROM=mailto:a@example.com(q)|mailto:b@example.com(q)",
                "CN=George Herman \"Babe\" Ruth(q)",
                "X-ADR=Line1\nLine2 ^ ^x(q)",
            ],
            seen);
        Assert.Equal("mailto:c@example.com", Encoding.UTF8.GetString(reader.ValueSpan));
        reader.Dispose();
    }

    [Fact]
    public void A_value_may_contain_colons_semicolons_and_commas()
    {
        var tokens = Tokens("BEGIN:VCALENDAR\r\nX-A;X-P=\"a:b\":http://x/y;z,w:v\r\nEND:VCALENDAR\r\n");
        Assert.Equal("http://x/y;z,w:v", tokens[1].Value);
    }

    [Fact]
    public void Reading_does_not_allocate_per_property()
    {
        var builder = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        for (var i = 0; i < 2000; i++)
        {
            builder.Append("BEGIN:VEVENT\r\nUID:").Append(i).Append("\r\nDTSTART;TZID=Europe/Berlin;VALUE=DATE-TIME:20240101T090000\r\n")
                .Append("DESCRIPTION:a folded\r\n  line that goes on\r\nEND:VEVENT\r\n");
        }
        builder.Append("END:VCALENDAR\r\n");
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        CountTokens(bytes); // warm up the pool and the JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = CountTokens(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(3 + (2000 * 5), count);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated for {count} tokens");
    }

    private static int CountTokens(byte[] bytes)
    {
        var reader = new IcalReader(bytes);
        var count = 0;
        var parameterBytes = 0;
        while (reader.Read())
        {
            count++;
            foreach (var parameter in reader.GetParameters())
            {
                foreach (var value in parameter.GetValues())
                {
                    parameterBytes += value.Length;
                }
            }
        }
        reader.Dispose();
        Assert.True(parameterBytes > 0);
        return count;
    }
}
