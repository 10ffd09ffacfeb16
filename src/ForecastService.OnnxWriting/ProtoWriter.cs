using System.Buffers.Binary;
using System.Text;

namespace ForecastService.OnnxWriting;

/// <summary>
/// The few protobuf wire-format primitives the ONNX writer needs: varints, fixed32 and length-delimited fields.
/// Nested messages are encoded into their own writer first, because protobuf prefixes them with their byte length.
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireFixed32 = 5;
    private const int WireLengthDelimited = 2;

    private byte[] _buffer;
    private int _length;

    public ProtoWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Writes an int64/int32/enum field. Negative values take ten bytes, as protobuf's int64 encoding requires.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
    }

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireFixed32);
        var span = Reserve(4);
        BinaryPrimitives.WriteSingleLittleEndian(span, value);
    }

    public void WriteString(int field, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    public void WriteMessage(int field, ProtoWriter message) => WriteBytes(field, message.WrittenSpan);

    private void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            Reserve(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }

        Reserve(1)[0] = (byte)value;
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            var newSize = Math.Max(checked(_length + count), checked(_buffer.Length * 2));
            Array.Resize(ref _buffer, newSize);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
