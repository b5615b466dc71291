#pragma once
// Reading and writing the safetensors format (the model file format of InkLens).
//
// Layout: an 8-byte little-endian unsigned header length N, then N bytes of UTF-8 JSON
//   { "<tensor name>": { "dtype": "F32", "shape": [d0, d1, ...], "data_offsets": [begin, end] },
//     ...,
//     "__metadata__": { "<key>": "<string value>", ... } }
// then the data section: every tensor's raw little-endian, row-major elements, at
// [begin, end) relative to the start of the data section.
//
// Policy of this implementation (all violations throw nn::EngineError; the message starts
// with "safetensors file '<source>': " and names the tensor concerned):
//  - dtypes: F32 is read as is; F16, BF16 and F64 are accepted and converted to float
//    (an F64 value beyond the float range is rejected). Every other dtype (integers, BOOL,
//    F8_*) is rejected as "unsupported dtype". The writer always writes F32.
//  - The header must be at most 100 MB (kMaxHeaderBytes) and be a JSON object; trailing
//    spaces (the reference padding) are fine. Duplicate keys in the header are rejected.
//  - Each entry needs "dtype" (string), "shape" (array of non-negative integers) and
//    "data_offsets" (two non-negative integers, begin <= end <= data section size);
//    unknown extra fields of an entry are ignored. end - begin must equal
//    (product of shape) * element size. A scalar (shape []) has one element.
//  - Tensors whose byte ranges overlap are rejected. Gaps between tensors and trailing
//    bytes after the last tensor are tolerated (the reference writer never produces them,
//    but they do no harm to a reader).
//  - "__metadata__" must be an object of string values.
//  - Every value must be finite: NaN or Inf anywhere is rejected, naming the tensor.
//  - Tensor names must be non-empty and must not be "__metadata__".
//
// The writer sorts tensors by name, writes F32 data contiguously in that order, pads the
// header with spaces to a multiple of 8 bytes (as the reference implementation does) and
// replaces the target file atomically. A file written here is read back bit-exactly.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace inklens::model {

struct TensorEntry
{
    std::string name;
    std::vector<std::int64_t> shape;
    std::vector<float> data;  // row-major, product(shape) elements

    std::int64_t elementCount() const;  // product of shape (1 for a scalar)
};

struct SafetensorsFile
{
    std::map<std::string, std::string> metadata;
    std::vector<TensorEntry> tensors;  // readers return them sorted by name

    // nullptr if there is no tensor of that name.
    const TensorEntry* find(const std::string& name) const;
};

// Largest header accepted by the reader.
inline constexpr std::uint64_t kMaxHeaderBytes = 100ull * 1000 * 1000;

// Reads and validates a whole file. Throws nn::EngineError (see the policy above), also
// when the file is missing, unreadable or a directory.
SafetensorsFile readSafetensors(const std::string& path);

// Same, from bytes in memory; sourceName is only used in error messages.
SafetensorsFile readSafetensorsFromBytes(std::string_view bytes, const std::string& sourceName);

// Serializes to the exact bytes writeSafetensorsAtomic() writes. Throws nn::EngineError
// when the content is not storable: empty, reserved or duplicate names, a negative
// dimension, data size not equal to the shape product, or a NaN/Inf value.
std::string serializeSafetensors(const SafetensorsFile& file);

// Writes `path` atomically: the bytes go to a temporary file in the same directory (an
// unnamed one, O_TMPFILE, where the system has it: a process killed while it writes leaves
// nothing; else "<path>.tmp-XXXXXX"), every write is checked, the file is fsync'ed and
// closed, then renamed over `path` (and the directory fsync'ed, best effort). The new file
// gets the mode of the file it replaces, or 0644. On any failure (no such directory, no
// permission, disk full, file size limit) it throws nn::EngineError naming the path and
// the system error, the temporary file is removed and an existing file at `path` is left
// untouched.
void writeSafetensorsAtomic(const std::string& path, const SafetensorsFile& file);

// The same atomic write for any bytes (a training manifest, ...): all of them or nothing,
// an existing file left as it was; throws nn::EngineError "cannot save file '<path>': why".
void writeFileAtomic(const std::string& path, std::string_view bytes);

}  // namespace inklens::model
