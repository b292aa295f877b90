namespace AuroraTime.Ical.Reading;

/// <summary>What the content line under an <see cref="IcalReader"/> is.</summary>
public enum IcalTokenType
{
    /// <summary>Nothing read yet, or the end of input.</summary>
    None,

    /// <summary>A <c>BEGIN:</c> line; <see cref="IcalReader.NameSpan"/> is the component name.</summary>
    BeginComponent,

    /// <summary>A property line; name, parameters and value are available.</summary>
    Property,

    /// <summary>An <c>END:</c> line; <see cref="IcalReader.NameSpan"/> is the component name.</summary>
    EndComponent,
}
