#include "dataset.h"

#include "model/safetensors.h"
#include "training/sha1.h"

#include "nn/tensor.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

namespace inklens::training {

namespace fs = std::filesystem;
using nn::EngineError;

namespace {

fs::path toPath(const std::string& utf8)
{
    return fs::path(std::u8string(utf8.begin(), utf8.end()));
}

std::string fromPath(const fs::path& p)
{
    const std::u8string s = p.u8string();
    return std::string(s.begin(), s.end());
}

// DIR + "/" + NAME, as the listing reports it: one trailing '/' of DIR dropped, "." for an
// empty DIR, NAME itself when absolute.
std::string joinPath(std::string dir, const std::string& name)
{
    if (!name.empty() && name.front() == '/')
        return name;
    if (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    if (dir.empty())
        dir = ".";
    return dir.back() == '/' ? dir + name : dir + '/' + name;
}

// The whole file, carriage returns removed (text mode).
bool readText(const fs::path& path, std::string& text)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return false;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
    return true;
}

void dropByteOrderMark(std::string& s)
{
    if (s.rfind("\xEF\xBB\xBF", 0) == 0)
        s.erase(0, 3);
}

std::vector<std::string> splitOn(std::string_view s, char separator)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t at; (at = s.find(separator, start)) != std::string_view::npos; start = at + 1)
        out.emplace_back(s.substr(start, at - start));
    out.emplace_back(s.substr(start));
    return out;
}

// Unicode white space (Zs, Zl, Zp, tab to carriage return, U+0085), as Qt's trimmed() takes it.
bool isSpace(char32_t c)
{
    return c == 0x20 || (c >= 0x09 && c <= 0x0d) || c == 0x85 || c == 0xa0 || c == 0x1680
           || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f
           || c == 0x205f || c == 0x3000;
}

// The code point starting at s[i] and its length in bytes (a stray byte: itself, 1).
std::pair<char32_t, std::size_t> codePointAt(std::string_view s, std::size_t i)
{
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80         ? 1
                          : (b >> 5) == 6  ? 2
                          : (b >> 4) == 14 ? 3
                          : (b >> 3) == 30 ? 4
                                           : 1;
    if (n == 1 || i + n > s.size())
        return {b, 1};
    char32_t c = b & (0x7f >> n);
    for (std::size_t k = 1; k < n; ++k)
        c = c << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    return {c, n};
}

std::string trimmed(std::string_view s)
{
    std::size_t begin = 0;
    while (begin < s.size()) {
        const auto [c, n] = codePointAt(s, begin);
        if (!isSpace(c))
            break;
        begin += n;
    }
    std::size_t end = s.size();
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(s[start]) & 0xc0) == 0x80)
            --start;
        if (!isSpace(codePointAt(s, start).first))
            break;
        end = start;
    }
    return std::string(s.substr(begin, end - begin));
}

// A NAME.gt.txt: its first line, trimmed; empty when it cannot be read.
std::string readFirstLine(const fs::path& path)
{
    std::string text;
    if (!readText(path, text))
        return {};
    text.resize(std::min(text.size(), text.find('\n')));
    dropByteOrderMark(text);
    return trimmed(text);
}

std::string lower(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return s;
}

std::vector<GroundTruthLine> listManifest(const std::string& dir, std::string text)
{
    dropByteOrderMark(text);
    if (!text.empty() && text.back() == '\n')
        text.pop_back();
    const std::vector<std::string> rows = splitOn(text, '\n');
    const std::vector<std::string> header = splitOn(rows.front(), '\t');
    auto column = [&](std::string_view name) {
        const auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : int(it - header.begin());
    };
    const int cFile = column("file"), cWriter = column("writer"), cSplit = column("split"),
              cFlags = column("flags"), cText = column("text");
    if (cFile < 0)
        throw EngineError(dir + ": manifest.tsv has no 'file' column");
    std::vector<GroundTruthLine> out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const std::vector<std::string> cols = splitOn(rows[r], '\t');
        auto col = [&](int c) {
            return c >= 0 && c < int(cols.size()) ? cols[std::size_t(c)] : std::string();
        };
        if (col(cFile).empty())
            continue;
        GroundTruthLine l;
        l.imagePath = joinPath(dir, col(cFile));
        l.writer = col(cWriter);
        l.split = col(cSplit);
        l.flags = col(cFlags);
        if (cText >= 0) {
            l.text = col(cText);
        } else {
            fs::path gt = toPath(l.imagePath);
            gt.replace_extension(".gt.txt");
            l.text = readFirstLine(gt);
        }
        out.push_back(std::move(l));
    }
    return out;
}

std::vector<GroundTruthLine> listFolder(const std::string& dir)
{
    const auto& suffixes = supportedImageSuffixes();
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(toPath(dir), ec)) {
        const std::string name = fromPath(entry.path().filename());
        const std::string suffix = lower(fromPath(entry.path().extension()));
        std::error_code fileEc;
        if (name.front() == '.' || suffix.size() < 2 || !entry.is_regular_file(fileEc)
            || (suffix != ".inkml"
                && std::find(suffixes.begin(), suffixes.end(), suffix.substr(1))
                       == suffixes.end()))
            continue;
        names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    std::vector<GroundTruthLine> out;
    for (const std::string& name : names) {
        GroundTruthLine l;
        l.imagePath = joinPath(dir, name);
        fs::path gt = toPath(l.imagePath);
        gt.replace_extension(".gt.txt");
        std::error_code existsEc;
        if (!fs::exists(gt, existsEc))
            continue;
        l.text = readFirstLine(gt);
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace

const std::vector<std::string>& supportedImageSuffixes()
{
    static const std::vector<std::string> suffixes = {"png",  "jpg", "jpeg", "tif",
                                                      "tiff", "bmp", "webp"};
    return suffixes;
}

std::vector<GroundTruthLine> listGroundTruth(const std::string& dir)
{
    std::error_code ec;
    if (!fs::is_directory(toPath(dir.empty() ? std::string(".") : dir), ec))
        throw EngineError("folder not found: " + dir);
    std::string manifest;
    if (readText(toPath(joinPath(dir, "manifest.tsv")), manifest))
        return listManifest(dir, std::move(manifest));
    return listFolder(dir);
}

std::string cleanGroundTruth(std::string text, std::string_view flags)
{
    auto removeAll = [&](char c) {
        text.erase(std::remove(text.begin(), text.end(), c), text.end());
    };
    if (flags.find("superscript") != std::string_view::npos)
        removeAll('^');
    if (flags.find("markup") != std::string_view::npos) {
        removeAll('>');
        removeAll('<');
    }
    return text;
}

bool skipGroundTruth(const GroundTruthLine& line)
{
    return line.flags.find("vertical") != std::string::npos
           || line.text.find("><") != std::string::npos;
}

std::vector<std::string> heldOutWriters(const std::vector<GroundTruthLine>& lines, int n)
{
    std::vector<std::pair<Sha1Digest, std::string>> writers;
    std::set<std::string> seen;
    for (const auto& l : lines)
        if (!l.writer.empty() && seen.insert(l.writer).second)
            writers.emplace_back(sha1(l.writer), l.writer);
    std::sort(writers.begin(), writers.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < writers.size() && int(i) < n; ++i)
        out.push_back(writers[i].second);
    return out;
}

WeightedPath splitWeight(std::string_view arg)
{
    if (const auto colon = arg.rfind(':'); colon != std::string_view::npos && colon > 0) {
        std::string_view number = arg.substr(colon + 1);
        while (!number.empty() && number.front() == ' ')
            number.remove_prefix(1);
        while (!number.empty() && number.back() == ' ')
            number.remove_suffix(1);
        if (!number.empty() && number.front() == '+')
            number.remove_prefix(1);
        double w = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), w);
        if (!number.empty() && ec == std::errc() && end == number.data() + number.size() && w >= 0
            && w < 1e300)
            return {std::string(arg.substr(0, colon)), w};
    }
    return {std::string(arg), 1.0};
}

DatasetSplit splitGroundTruth(const std::vector<std::string>& dirs, int holdoutWriters)
{
    DatasetSplit out;
    for (const std::string& arg : dirs) {
        const auto [dir, weight] = splitWeight(arg);
        auto lines = listGroundTruth(dir);
        lines.erase(std::remove_if(lines.begin(), lines.end(), skipGroundTruth), lines.end());
        const bool hasVal = std::any_of(lines.begin(), lines.end(),
                                        [](const auto& l) { return l.split == "val"; });
        std::set<std::string> held;
        if (!hasVal)
            for (const std::string& w : heldOutWriters(lines, holdoutWriters)) {
                held.insert(w);
                out.heldOutWriters.push_back(w);
            }
        FolderSplit folder{dir, weight, 0, 0};
        std::vector<GroundTruthLine> folderTrain;
        for (auto& l : lines) {
            const bool isVal = hasVal ? l.split == "val" : held.count(l.writer) > 0;
            if (isVal)
                ++folder.validationLines;
            (isVal ? out.val : folderTrain).push_back(std::move(l));
        }
        folder.trainingLines = std::size_t(weight * double(folderTrain.size()));
        for (std::size_t k = 0; k < folder.trainingLines; ++k)
            out.train.push_back(folderTrain[std::size_t(double(k) / weight) % folderTrain.size()]);
        out.folders.push_back(folder);
    }
    return out;
}

void writeManifest(const std::string& dir, const std::vector<ManifestRow>& rows, bool keepOtherRows)
{
    const fs::path path = toPath(joinPath(dir, "manifest.tsv"));
    std::vector<std::string> keep;
    std::string old;
    if (keepOtherRows && readText(path, old)) {
        std::set<std::string> ours;
        for (const ManifestRow& r : rows)
            ours.insert(r.file);
        std::vector<std::string> lines = splitOn(old, '\n');
        for (std::size_t i = 1; i < lines.size(); ++i)  // after the header
            if (!lines[i].empty() && !ours.count(lines[i].substr(0, lines[i].find('\t'))))
                keep.push_back(lines[i]);
    }
    // Atomic (a full disk or a killed process leaves the old manifest and its rows whole).
    std::string out = "file\twriter\tsplit\tflags\ttext\n";
    for (const std::string& line : keep)
        out += line + '\n';
    for (const ManifestRow& r : rows)
        out += r.file + '\t' + r.writer + '\t' + r.split + '\t' + r.flags + '\t' + r.text + '\n';
    model::writeFileAtomic(fromPath(path), out);
}

EvaluationSet selectEvaluationLines(const std::vector<GroundTruthLine>& lines,
                                    const EvaluationSelection& selection)
{
    EvaluationSet out;
    const bool hasSplit = std::any_of(lines.begin(), lines.end(),
                                      [](const auto& l) { return !l.split.empty(); });
    const bool hasVal = std::any_of(lines.begin(), lines.end(),
                                    [](const auto& l) { return l.split == "val"; });
    const bool bySplit = selection.split && hasSplit;
    out.splitIgnored = selection.split && !hasSplit;
    std::set<std::string> held;
    if (selection.holdoutWriters > 0 && !hasVal)
        for (std::string& w : heldOutWriters(lines, selection.holdoutWriters))
            held.insert(std::move(w));
    for (const GroundTruthLine& l : lines) {
        if (bySplit && l.split != *selection.split)
            continue;
        if (!held.empty() && held.count(l.writer) == 0)
            continue;
        if (skipGroundTruth(l)) {
            ++out.skipped;
            continue;
        }
        std::string reference = cleanGroundTruth(l.text, l.flags);
        if (selection.fitReference)
            reference = selection.fitReference->decode(selection.fitReference->encode(reference));
        out.lines.push_back({l.imagePath, model::normalizeText(reference)});
    }
    return out;
}

}  // namespace inklens::training
