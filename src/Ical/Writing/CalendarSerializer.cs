using System.Buffers;
using System.Text;
using AuroraTime.Ical.Model;

namespace AuroraTime.Ical.Writing;

/// <summary>Writes a <see cref="CalendarComponent"/> tree as iCalendar text (RFC 5545), in model order.</summary>
public static class CalendarSerializer
{
    public static byte[] Serialize(CalendarComponent component)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        Write(component, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static string SerializeToString(CalendarComponent component) =>
        Encoding.UTF8.GetString(Serialize(component));

    public static void Write(CalendarComponent component, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(component);
        Write(component, new IcalWriter(output));
    }

    /// <summary>Writes several components one after the other, with one writer (a feed writes thousands of VEVENTs).</summary>
    public static void Write(IEnumerable<CalendarComponent> components, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(components);
        var writer = new IcalWriter(output);
        foreach (var component in components)
        {
            ArgumentNullException.ThrowIfNull(component, nameof(components));
            Write(component, writer);
        }
    }

    private static void Write(CalendarComponent component, IcalWriter writer)
    {
        if (component.Components.IsEmpty)
        {
            // Most components (a VEVENT without alarms) have no children: no traversal stack needed.
            writer.WriteBeginComponent(component.Name);
            WriteProperties(component, writer);
            writer.WriteEndComponent(component.Name);
            return;
        }
        // Iterative, so a deep tree built in code cannot overflow the stack.
        var pending = new Stack<(CalendarComponent Component, int NextChild)>();
        writer.WriteBeginComponent(component.Name);
        WriteProperties(component, writer);
        pending.Push((component, 0));
        while (pending.Count > 0)
        {
            var (current, next) = pending.Pop();
            if (next < current.Components.Length)
            {
                pending.Push((current, next + 1));
                var child = current.Components[next];
                writer.WriteBeginComponent(child.Name);
                WriteProperties(child, writer);
                pending.Push((child, 0));
                continue;
            }
            writer.WriteEndComponent(current.Name);
        }
    }

    private static void WriteProperties(CalendarComponent component, IcalWriter writer)
    {
        foreach (var property in component.Properties)
        {
            writer.WriteProperty(property);
        }
    }
}
