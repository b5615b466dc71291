#include "model/safetensors.h"

#include "nn/tensor.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <random>
#include <set>
#include <system_error>
#include <utility>

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; a big-endian host needs byte swapping here");

namespace inklens::model {

namespace {

using nlohmann::json;

constexpr const char* kMetadataKey = "__metadata__";

std::string errnoText(int err)
{
    return std::error_code(err, std::generic_category()).message();
}

[[noreturn]] void fail(const std::string& source, const std::string& problem)
{
    throw nn::EngineError("safetensors file '" + source + "': " + problem);
}

[[noreturn]] void failTensor(const std::string& source, const std::string& tensor,
                             const std::string& problem)
{
    fail(source, "tensor '" + tensor + "': " + problem);
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i)
            s += ", ";
        s += std::to_string(shape[i]);
    }
    return s + "]";
}

struct DtypeInfo
{
    const char* name;
    std::size_t size;
};

constexpr DtypeInfo kDtypes[] = {{"F32", 4}, {"F16", 2}, {"BF16", 2}, {"F64", 8}};

const DtypeInfo* findDtype(const std::string& name)
{
    for (const DtypeInfo& d : kDtypes)
        if (name == d.name)
            return &d;
    return nullptr;
}

float halfToFloat(std::uint16_t h)
{
    const std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1Fu;
    std::uint32_t mantissa = h & 0x3FFu;
    std::uint32_t bits;
    if (exponent == 0x1F) {
        bits = sign | 0x7F800000u | (mantissa << 13);  // Inf or NaN
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;  // +-0
    } else {
        // Subnormal half: normalize.
        int e = -1;
        do {
            ++e;
            mantissa <<= 1;
        } while ((mantissa & 0x400u) == 0);
        bits = sign | std::uint32_t(112 - e) << 23 | ((mantissa & 0x3FFu) << 13);
    }
    return std::bit_cast<float>(bits);
}

// Copies one tensor's bytes into floats, converting from its dtype; rejects non-finite values.
std::vector<float> convertData(const std::string& source, const std::string& tensor,
                               const DtypeInfo& dtype, const char* bytes, std::size_t count)
{
    std::vector<float> out(count);
    const std::string dt = dtype.name;
    auto nonFinite = [&](std::size_t i) {
        failTensor(source, tensor, "non-finite value (NaN or Inf) at element " + std::to_string(i));
    };
    if (dt == "F32") {
        if (count)
            std::memcpy(out.data(), bytes, count * 4);
        for (std::size_t i = 0; i < count; ++i)
            if (!std::isfinite(out[i]))
                nonFinite(i);
    } else if (dt == "F16" || dt == "BF16") {
        for (std::size_t i = 0; i < count; ++i) {
            std::uint16_t v;
            std::memcpy(&v, bytes + 2 * i, 2);
            out[i] = dt == "F16" ? halfToFloat(v) : std::bit_cast<float>(std::uint32_t(v) << 16);
            if (!std::isfinite(out[i]))
                nonFinite(i);
        }
    } else {  // F64
        for (std::size_t i = 0; i < count; ++i) {
            double v;
            std::memcpy(&v, bytes + 8 * i, 8);
            if (!std::isfinite(v))
                nonFinite(i);
            if (std::fabs(v) > double(std::numeric_limits<float>::max()))
                failTensor(source, tensor,
                           "F64 value at element " + std::to_string(i)
                               + " is beyond the float range");
            out[i] = float(v);
        }
    }
    return out;
}

// Reads a JSON value as a non-negative integer; false if it is anything else.
bool asUnsigned(const json& v, std::uint64_t& out)
{
    if (!v.is_number_unsigned())
        return false;
    out = v.get<std::uint64_t>();
    return true;
}

// nlohmann::json keeps the last of duplicate keys silently; this parse callback records them.
struct DuplicateKeyFinder
{
    std::vector<std::set<std::string>> open;
    std::string duplicate;

    bool operator()(int /*depth*/, json::parse_event_t event, json& parsed)
    {
        switch (event) {
        case json::parse_event_t::object_start:
            open.emplace_back();
            break;
        case json::parse_event_t::object_end:
            if (!open.empty())
                open.pop_back();
            break;
        case json::parse_event_t::key:
            if (!open.empty() && !open.back().insert(parsed.get<std::string>()).second
                && duplicate.empty())
                duplicate = parsed.get<std::string>();
            break;
        default:
            break;
        }
        return true;
    }
};

struct Range
{
    std::uint64_t begin, end;
    const std::string* name;
};

}  // namespace

std::int64_t TensorEntry::elementCount() const
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d;
    return n;
}

const TensorEntry* SafetensorsFile::find(const std::string& name) const
{
    for (const TensorEntry& t : tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

SafetensorsFile readSafetensorsFromBytes(std::string_view bytes, const std::string& source)
{
    if (bytes.size() < 8)
        fail(source, "file is only " + std::to_string(bytes.size())
                         + " bytes, shorter than the 8-byte header length field");
    std::uint64_t headerLength = 0;
    for (int i = 7; i >= 0; --i)
        headerLength = (headerLength << 8) | static_cast<unsigned char>(bytes[std::size_t(i)]);
    if (headerLength > kMaxHeaderBytes)
        fail(source, "header length " + std::to_string(headerLength)
                         + " is absurd (limit 100 MB); not a safetensors file or corrupt");
    if (headerLength > bytes.size() - 8)
        fail(source, "truncated header: header length is " + std::to_string(headerLength)
                         + " bytes but only " + std::to_string(bytes.size() - 8)
                         + " bytes follow the length field");

    const std::string_view headerText = bytes.substr(8, headerLength);
    const std::string_view dataSection = bytes.substr(8 + headerLength);

    json header;
    DuplicateKeyFinder duplicates;
    try {
        header = json::parse(headerText.begin(), headerText.end(), std::ref(duplicates));
    } catch (const json::exception& e) {
        fail(source, std::string("header is not valid JSON (") + e.what() + ")");
    }
    if (!header.is_object())
        fail(source, "header is not a JSON object");
    if (!duplicates.duplicate.empty())
        fail(source, "duplicate key '" + duplicates.duplicate + "' in the header");

    SafetensorsFile file;
    std::vector<Range> ranges;
    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string& name = it.key();
        const json& entry = it.value();
        if (name == kMetadataKey) {
            if (!entry.is_object())
                fail(source, "\"__metadata__\" is not a JSON object");
            for (auto m = entry.begin(); m != entry.end(); ++m) {
                if (!m.value().is_string())
                    fail(source, "\"__metadata__\" value of '" + m.key() + "' is not a string");
                file.metadata[m.key()] = m.value().get<std::string>();
            }
            continue;
        }
        if (name.empty())
            fail(source, "tensor with an empty name");
        if (!entry.is_object())
            failTensor(source, name, "entry is not a JSON object");

        // dtype
        const auto dtypeIt = entry.find("dtype");
        if (dtypeIt == entry.end())
            failTensor(source, name, "missing \"dtype\"");
        if (!dtypeIt->is_string())
            failTensor(source, name, "\"dtype\" is not a string");
        const std::string dtypeName = dtypeIt->get<std::string>();
        const DtypeInfo* dtype = findDtype(dtypeName);
        if (!dtype)
            failTensor(source, name,
                       "unsupported dtype '" + dtypeName + "' (supported: F32, F16, BF16, F64)");

        // shape
        const auto shapeIt = entry.find("shape");
        if (shapeIt == entry.end())
            failTensor(source, name, "missing \"shape\"");
        if (!shapeIt->is_array())
            failTensor(source, name, "\"shape\" is not an array");
        TensorEntry tensor;
        tensor.name = name;
        for (const json& d : *shapeIt) {
            if (d.is_number_integer() && !d.is_number_unsigned())
                failTensor(source, name,
                           "negative dimension " + std::to_string(d.get<std::int64_t>())
                               + " in \"shape\"");
            std::uint64_t dim = 0;
            if (!asUnsigned(d, dim)
                || dim > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                failTensor(source, name,
                           "\"shape\" holds something other than a non-negative integer: "
                               + d.dump());
            tensor.shape.push_back(std::int64_t(dim));
        }

        // data_offsets
        const auto offsetsIt = entry.find("data_offsets");
        if (offsetsIt == entry.end())
            failTensor(source, name, "missing \"data_offsets\"");
        std::uint64_t begin = 0, end = 0;
        if (!offsetsIt->is_array() || offsetsIt->size() != 2 || !asUnsigned((*offsetsIt)[0], begin)
            || !asUnsigned((*offsetsIt)[1], end))
            failTensor(source, name,
                       "\"data_offsets\" is not an array of two non-negative integers: "
                           + offsetsIt->dump());
        if (begin > end)
            failTensor(source, name,
                       "data_offsets begin " + std::to_string(begin) + " > end "
                           + std::to_string(end));
        if (end > dataSection.size())
            failTensor(source, name,
                       "data_offsets end " + std::to_string(end) + " is beyond the data section of "
                           + std::to_string(dataSection.size()) + " bytes (truncated data)");

        // The byte count must equal product(shape) * element size. Multiply with an
        // overflow guard: the product can never legitimately exceed the data section.
        const std::uint64_t byteCount = end - begin;
        std::uint64_t expected = 0;
        bool tooLarge = false;
        if (std::none_of(tensor.shape.begin(), tensor.shape.end(),
                         [](std::int64_t d) { return d == 0; })) {
            const std::uint64_t limit = dataSection.size() / dtype->size;
            std::uint64_t count = 1;
            for (std::int64_t d : tensor.shape) {
                if (count > limit / std::uint64_t(d)) {
                    tooLarge = true;
                    break;
                }
                count *= std::uint64_t(d);
            }
            expected = tooLarge ? 0 : count * dtype->size;
        }
        if (tooLarge || expected != byteCount)
            failTensor(source, name,
                       "byte count " + std::to_string(byteCount) + " (data_offsets ["
                           + std::to_string(begin) + ", " + std::to_string(end)
                           + "]) does not match shape " + shapeText(tensor.shape) + " of "
                           + dtypeName
                           + (tooLarge ? " (shape too large for the file)"
                                       : " (" + std::to_string(expected) + " bytes)"));

        tensor.data = convertData(source, name, *dtype, dataSection.data() + begin,
                                  std::size_t(byteCount / dtype->size));
        ranges.push_back({begin, end, &it.key()});
        file.tensors.push_back(std::move(tensor));
    }

    // Overlap check (empty tensors occupy nothing and never overlap).
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
        return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
    });
    const Range* previous = nullptr;
    for (const Range& r : ranges) {
        if (r.begin == r.end)
            continue;
        if (previous && r.begin < previous->end)
            fail(source, "tensors '" + *previous->name + "' and '" + *r.name
                             + "' overlap in the data section");
        if (!previous || r.end > previous->end)
            previous = &r;
    }
    // The header is a std::map, so tensors come out sorted by name.
    return file;
}

SafetensorsFile readSafetensors(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail(path, "cannot open: " + errnoText(errno));
    struct FdCloser
    {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};

    struct stat st
    { };
    if (::fstat(fd, &st) != 0)
        fail(path, "cannot stat: " + errnoText(errno));
    if (S_ISDIR(st.st_mode))
        fail(path, "cannot read: is a directory");

    std::string bytes;
    if (S_ISREG(st.st_mode))
        bytes.reserve(std::size_t(st.st_size));
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail(path, "cannot read: " + errnoText(errno));
        }
        if (n == 0)
            break;
        bytes.append(buffer, std::size_t(n));
    }
    return readSafetensorsFromBytes(bytes, path);
}

std::string serializeSafetensors(const SafetensorsFile& file)
{
    const std::string what = "cannot serialize safetensors: ";
    std::vector<const TensorEntry*> order;
    order.reserve(file.tensors.size());
    for (const TensorEntry& t : file.tensors)
        order.push_back(&t);
    std::sort(order.begin(), order.end(),
              [](const TensorEntry* a, const TensorEntry* b) { return a->name < b->name; });

    json header = json::object();
    if (!file.metadata.empty()) {
        json meta = json::object();
        for (const auto& [key, value] : file.metadata)
            meta[key] = value;
        header[kMetadataKey] = std::move(meta);
    }
    std::uint64_t offset = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const TensorEntry& t = *order[i];
        if (t.name.empty() || t.name == kMetadataKey)
            throw nn::EngineError(what + "invalid tensor name '" + t.name + "'");
        if (i > 0 && order[i - 1]->name == t.name)
            throw nn::EngineError(what + "duplicate tensor name '" + t.name + "'");
        std::uint64_t count = 1;
        for (std::int64_t d : t.shape) {
            if (d < 0)
                throw nn::EngineError(what + "tensor '" + t.name
                                      + "' has a negative dimension in shape "
                                      + shapeText(t.shape));
            if (d != 0
                && count
                       > std::uint64_t(std::numeric_limits<std::int64_t>::max()) / std::uint64_t(d))
                throw nn::EngineError(what + "tensor '" + t.name + "' shape " + shapeText(t.shape)
                                      + " is too large");
            count *= std::uint64_t(d);
        }
        if (count != t.data.size())
            throw nn::EngineError(what + "tensor '" + t.name + "' has "
                                  + std::to_string(t.data.size()) + " values but shape "
                                  + shapeText(t.shape) + " needs " + std::to_string(count));
        for (std::size_t k = 0; k < t.data.size(); ++k)
            if (!std::isfinite(t.data[k]))
                throw nn::EngineError(what + "tensor '" + t.name
                                      + "' has a non-finite value (NaN or Inf) at element "
                                      + std::to_string(k));
        const std::uint64_t bytes = count * sizeof(float);
        header[t.name] = {
            {"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }

    std::string headerText;
    try {
        headerText = header.dump();
    } catch (const json::exception& e) {
        throw nn::EngineError(what + "a tensor name or metadata string is not valid UTF-8 ("
                              + e.what() + ")");
    }
    headerText.append((8 - headerText.size() % 8) % 8, ' ');

    std::string out;
    out.reserve(8 + headerText.size() + offset);
    const std::uint64_t n = headerText.size();
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
    out += headerText;
    for (const TensorEntry* t : order)
        out.append(reinterpret_cast<const char*>(t->data.data()), t->data.size() * sizeof(float));
    return out;
}

namespace {
// See writeSafetensorsAtomic (safetensors.h); what names the kind of file in the message.
// The bytes go first to an unnamed file in the target's folder (O_TMPFILE, Linux), named
// only once it is complete and synced, then renamed over the target: a process killed
// while it writes leaves nothing behind. Where that is not possible (another system, a
// file system without O_TMPFILE, no /proc), a named temporary file "<path>.tmp-XXXXXX".
void writeBytesAtomic(const std::string& path, std::string_view bytes, const char* what,
                      bool unnamedFirst = true)
{
    auto failWrite = [&](const std::string& problem) -> void {
        throw nn::EngineError(std::string("cannot save ") + what + " '" + path + "': " + problem);
    };

    // Keep the permissions of the file being replaced; a new file gets 0644.
    mode_t mode = 0644;
    struct stat existing
    { };
    if (::stat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
        mode = existing.st_mode & 07777;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    const std::string dir = parent.empty() ? std::string(".") : parent.string();

    std::string tmpPath;  // empty while the file has no name
    int fd = -1;
#ifdef O_TMPFILE
    if (unnamedFirst)
        fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
#endif
    const bool unnamed = fd >= 0;
    if (!unnamed) {
        tmpPath = path + ".tmp-XXXXXX";
        fd = ::mkostemp(tmpPath.data(), O_CLOEXEC);
        if (fd < 0) {
            const int err = errno;
            failWrite("cannot create a temporary file in directory '" + dir
                      + "': " + errnoText(err));
        }
    }
    auto tmpName = [&] {
        return tmpPath.empty() ? "temporary file in '" + dir + "'"
                               : "temporary file '" + tmpPath + "'";
    };

    // From here on every failure closes and removes the temporary file.
    bool open = true;
    auto abandon = [&](const std::string& problem, int err) {
        if (open)
            ::close(fd);
        if (!tmpPath.empty())
            ::unlink(tmpPath.c_str());
        failWrite(problem + ": " + errnoText(err));
    };

    if (::fchmod(fd, mode) != 0)
        abandon("cannot set the mode of " + tmpName(), errno);
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            abandon("writing " + tmpName() + " failed", errno);
        }
        if (n == 0)
            abandon("writing " + tmpName() + " failed", ENOSPC);
        p += n;
        left -= std::size_t(n);
    }
    if (::fsync(fd) != 0)
        abandon("fsync of " + tmpName() + " failed", errno);
    if (unnamed) {
        // Complete: give it a name beside the target (for the rename below).
        const std::string self = "/proc/self/fd/" + std::to_string(fd);
        std::random_device random;
        for (int attempt = 0; tmpPath.empty(); ++attempt) {
            char suffix[16];
            std::snprintf(suffix, sizeof suffix, ".tmp-%08x", unsigned(random()));
            if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, (path + suffix).c_str(),
                         AT_SYMLINK_FOLLOW)
                == 0) {
                tmpPath = path + suffix;
            } else if (errno == ENOENT && attempt == 0) {  // no /proc: a named file instead
                ::close(fd);
                writeBytesAtomic(path, bytes, what, false);
                return;
            } else if (errno != EEXIST || attempt > 100) {
                abandon("cannot name the " + tmpName(), errno);
            }
        }
    }
    if (unnamed) {
        // Named a moment ago: renamed at once, so that a process killed in between leaves
        // that name as seldom as can be (the data is synced: closing cannot lose it).
        if (::rename(tmpPath.c_str(), path.c_str()) != 0)
            abandon("cannot rename " + tmpName() + " over the target", errno);
        ::close(fd);
    } else {
        open = false;
        if (::close(fd) != 0)
            abandon("closing " + tmpName() + " failed", errno);
        if (::rename(tmpPath.c_str(), path.c_str()) != 0)
            abandon("cannot rename " + tmpName() + " over the target", errno);
    }

    // Make the rename itself durable (best effort: some file systems refuse fsync on a directory).
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}
}  // namespace

void writeSafetensorsAtomic(const std::string& path, const SafetensorsFile& file)
{
    writeBytesAtomic(path, serializeSafetensors(file), "safetensors file");
}

void writeFileAtomic(const std::string& path, std::string_view bytes)
{
    writeBytesAtomic(path, bytes, "file");
}

}  // namespace inklens::model
