#include "lm_data.h"

#include "nn/tensor.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace inklens::training {

namespace {

// The file's lines (UTF-8; byte-order mark and carriage returns dropped). Throws
// nn::EngineError "cannot read WHAT PATH: REASON".
std::vector<std::string> readLines(const std::string& path, const char* what)
{
    const std::filesystem::path p(std::u8string(path.begin(), path.end()));
    std::error_code ec;
    std::ifstream in;
    if (!std::filesystem::is_directory(p, ec))
        in.open(p, std::ios::binary);
    if (!in)
        throw nn::EngineError(
            std::string("cannot read ") + what + " " + path + ": "
            + (std::filesystem::is_directory(p, ec) ? "is a folder" : std::strerror(errno)));
    std::string text(std::istreambuf_iterator<char>(in), {});
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        text.erase(0, 3);
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(text.substr(start, end - start));
    if (start < text.size())
        lines.push_back(text.substr(start));
    return lines;
}

}  // namespace

std::vector<int> encodeGroundTruth(const model::Charset& charset, const GroundTruthLine& line)
{
    return charset.encode(model::normalizeText(cleanGroundTruth(line.text, line.flags)));
}

long addGroundTruthLines(ctc::CharNgramLm::Builder& builder, const model::Charset& charset,
                         const std::vector<GroundTruthLine>& lines)
{
    long added = 0;
    for (const auto& l : lines)
        if (const auto labels = encodeGroundTruth(charset, l); !labels.empty()) {
            builder.addLine(labels);
            ++added;
        }
    return added;
}

long addWordList(ctc::CharNgramLm::Builder& builder, const model::Charset& charset,
                 const std::string& path, double weight)
{
    const int space = charset.labelOf(U' ');
    long added = 0;
    for (const std::string& w : readLines(path, "word list")) {
        const auto labels = charset.encode(model::normalizeText(w));
        if (!labels.empty() && std::find(labels.begin(), labels.end(), space) == labels.end()) {
            builder.addWord(labels, space, weight);
            ++added;
        }
    }
    return added;
}

long addTextLines(ctc::CharNgramLm::Builder& builder, const model::Charset& charset,
                  const std::string& path, double weight)
{
    long added = 0;
    for (const std::string& line : readLines(path, "text"))
        if (const auto labels = charset.encode(model::normalizeText(line)); !labels.empty()) {
            builder.addLine(labels, weight);
            ++added;
        }
    return added;
}

HeldOutScore heldOutScore(const ctc::CharNgramLm& lm, const model::Charset& charset,
                          const std::vector<GroundTruthLine>& lines)
{
    double bits = 0;
    long symbols = 0;
    for (const auto& l : lines) {
        const auto labels = encodeGroundTruth(charset, l);
        if (labels.empty())
            continue;
        bits -= lm.lineLogProb(labels) / std::log(2.0);
        symbols += long(labels.size()) + 1;
    }
    return {symbols > 0 ? bits / double(symbols) : 0.0, symbols};
}

}  // namespace inklens::training
