namespace ForecastService.OnnxWriting;

/// <summary>
/// One dimension of a graph input or output: a fixed size, a symbolic name (<c>dim_param</c>, e.g. "batch"),
/// or, for <c>default</c>, an unknown dimension without a name.
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? value, string? name)
    {
        Value = value;
        Name = name;
    }

    /// <summary>The fixed size, or null for a symbolic or unknown dimension.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, or null for a fixed or unknown dimension.</summary>
    public string? Name { get; }

    /// <summary>True when the dimension has neither a fixed size nor a name.</summary>
    public bool IsUnknown => Value is null && Name is null;

    /// <summary>A fixed dimension; <paramref name="value"/> must not be negative.</summary>
    public static OnnxDim Fixed(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new OnnxDim(value, null);
    }

    /// <summary>A symbolic dimension; dimensions sharing a name must have the same size at run time.</summary>
    public static OnnxDim Symbolic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new OnnxDim(null, name);
    }

    public static implicit operator OnnxDim(long value) => Fixed(value);

    public static implicit operator OnnxDim(string name) => Symbolic(name);

    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Name ?? "?";
}
