using System.Text;

namespace ForecastService.OnnxWriting.Tests;

/// <summary>
/// A test-side protobuf wire-format decoder, written from the protobuf encoding spec independently of the writer,
/// so tests can check the bytes against onnx.proto's field numbers.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly List<(int Field, int WireType, ulong Scalar, byte[]? Bytes)> _fields = [];

    public ProtoMessage(ReadOnlySpan<byte> data)
    {
        var position = 0;
        while (position < data.Length)
        {
            var tag = ReadVarint(data, ref position);
            var field = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    _fields.Add((field, wireType, ReadVarint(data, ref position), null));
                    break;
                case 5:
                    _fields.Add((field, wireType, BitConverter.ToUInt32(data.Slice(position, 4)), null));
                    position += 4;
                    break;
                case 2:
                    var length = (int)ReadVarint(data, ref position);
                    _fields.Add((field, wireType, 0, data.Slice(position, length).ToArray()));
                    position += length;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected wire type {wireType} for field {field}.");
            }
        }
    }

    public IEnumerable<int> FieldNumbers => _fields.Select(f => f.Field);

    public long Int(int field) => (long)_fields.Single(f => f.Field == field && f.WireType == 0).Scalar;

    public IReadOnlyList<long> Ints(int field) => [.. _fields.Where(f => f.Field == field && f.WireType == 0).Select(f => (long)f.Scalar)];

    public float Float(int field) => BitConverter.UInt32BitsToSingle((uint)_fields.Single(f => f.Field == field && f.WireType == 5).Scalar);

    public IReadOnlyList<float> Floats(int field) =>
        [.. _fields.Where(f => f.Field == field && f.WireType == 5).Select(f => BitConverter.UInt32BitsToSingle((uint)f.Scalar))];

    public byte[] Bytes(int field) => _fields.Single(f => f.Field == field && f.WireType == 2).Bytes!;

    public string String(int field) => Encoding.UTF8.GetString(Bytes(field));

    public IReadOnlyList<string> Strings(int field) =>
        [.. _fields.Where(f => f.Field == field && f.WireType == 2).Select(f => Encoding.UTF8.GetString(f.Bytes!))];

    public ProtoMessage Message(int field) => new(Bytes(field));

    public IReadOnlyList<ProtoMessage> Messages(int field) =>
        [.. _fields.Where(f => f.Field == field && f.WireType == 2).Select(f => new ProtoMessage(f.Bytes))];

    public bool Has(int field) => _fields.Exists(f => f.Field == field);

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("Varint too long.");
    }
}
