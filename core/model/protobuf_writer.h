#pragma once
// A minimal protocol buffers encoder (https://protobuf.dev/programming-guides/encoding/):
// enough to write a message whose schema the caller knows by heart (the ONNX exporter's
// subset of onnx.proto). A message is built field by field into a byte string; a nested
// message is a length-delimited field holding another writer's bytes.
//
//   tag     = varint(field << 3 | wire type)
//   varint  = 7 bits a byte, least significant group first, high bit = "more follows"
//   wire 0  = varint (int32, int64, enum, bool; negative int64 as its two's complement)
//   wire 2  = varint(length) + bytes (string, bytes, nested message, packed repeated)
//   wire 5  = 4 bytes little-endian (float)

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace inklens::model {

class ProtoWriter
{
public:
    // An integer field (int32, int64, enum): wire type 0.
    void intField(int field, std::int64_t value)
    {
        tag(field, 0);
        varint(std::uint64_t(value));
    }
    // A float field: wire type 5.
    void floatField(int field, float value)
    {
        tag(field, 5);
        appendLittleEndian(value);
    }
    // A string, bytes or packed field: wire type 2.
    void bytesField(int field, std::string_view bytes)
    {
        tag(field, 2);
        varint(bytes.size());
        m_bytes.append(bytes);
    }
    void messageField(int field, const ProtoWriter& message) { bytesField(field, message.bytes()); }

    const std::string& bytes() const { return m_bytes; }

    // Little-endian bytes of trivially copyable values (raw tensor data).
    template<typename T>
    static std::string littleEndian(const T* values, std::size_t count)
    {
        static_assert(std::endian::native == std::endian::little,
                      "raw tensor data is written in the machine's byte order");
        return std::string(reinterpret_cast<const char*>(values), count * sizeof(T));
    }

private:
    void tag(int field, int wireType)
    {
        varint(std::uint64_t(field) << 3 | std::uint64_t(wireType));
    }
    void varint(std::uint64_t value)
    {
        while (value >= 0x80) {
            m_bytes.push_back(char((value & 0x7f) | 0x80));
            value >>= 7;
        }
        m_bytes.push_back(char(value));
    }
    void appendLittleEndian(float value) { m_bytes.append(littleEndian(&value, 1)); }

    std::string m_bytes;
};

}  // namespace inklens::model
