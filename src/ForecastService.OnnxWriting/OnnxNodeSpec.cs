namespace ForecastService.OnnxWriting;

/// <summary>A node as recorded by the builder; <see cref="Name"/> is null until the builder names it.</summary>
internal sealed record OnnxNodeSpec(
    string OpType,
    string? Name,
    string Domain,
    string[] Inputs,
    string[] Outputs,
    OnnxAttribute[] Attributes)
{
    /// <summary>Encodes a NodeProto (onnx.proto: input=1, output=2, name=3, op_type=4, attribute=5, domain=7).</summary>
    public ProtoWriter Encode(string name)
    {
        var writer = new ProtoWriter();
        foreach (var input in Inputs)
        {
            writer.WriteString(1, input);
        }

        foreach (var output in Outputs)
        {
            writer.WriteString(2, output);
        }

        writer.WriteString(3, name);
        writer.WriteString(4, OpType);
        foreach (var attribute in Attributes)
        {
            writer.WriteMessage(5, attribute.Encode());
        }

        if (Domain.Length > 0)
        {
            writer.WriteString(7, Domain);
        }

        return writer;
    }
}
