#include "model/word_lexicon.h"

#include "nn/tensor.h"

#include <fstream>

namespace inklens::model {

namespace {

bool isLatinLetter(char32_t c)
{
    return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')
           || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}

// The lower case of a Latin letter (itself when it has none or is lower case already).
char32_t latinLower(char32_t c)
{
    if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 0x20;
    if (c == 0x178)  // Ÿ
        return 0xFF;
    // Latin Extended-A pairs: upper case on even code points, except in 0x139..0x148 and
    // 0x179..0x17E, where it is on odd ones.
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149
        && c != 0x17F) {
        const bool oddUpper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        return (c % 2 == 1) == oddUpper ? c + 1 : c;
    }
    if (c >= 0x1E00 && c <= 0x1EFF && c % 2 == 0 && !(c >= 0x1E96 && c <= 0x1E9F))
        return c + 1;
    return c;
}

}  // namespace

ctc::Lexicon emptyLexicon(const Charset& charset)
{
    const int C = charset.size();
    std::vector<char> word(std::size_t(C), 0);
    std::vector<int> fold(static_cast<std::size_t>(C));
    for (int label = 0; label < C; ++label) {
        fold[std::size_t(label)] = label;
        if (label == Charset::kBlank)
            continue;
        const char32_t c = charset.charOf(label);
        if (!isLatinLetter(c))
            continue;
        word[std::size_t(label)] = 1;
        if (const int lower = charset.labelOf(latinLower(c)); lower > 0)
            fold[std::size_t(label)] = lower;
    }
    return ctc::Lexicon(std::move(word), std::move(fold));
}

int addLexiconText(ctc::Lexicon& lexicon, const Charset& charset, const std::string& utf8)
{
    return lexicon.addWords(charset.encode(utf8));
}

ctc::Lexicon loadLexicon(const std::string& path, const Charset& charset)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw nn::EngineError("cannot read the word list " + path);
    ctc::Lexicon lexicon = emptyLexicon(charset);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        bool valid = true;
        decodeUtf8(line, &valid);
        if (!valid)  // e.g. a Latin-1 list: its accented words would be split silently
            throw nn::EngineError("the word list " + path + ", line " + std::to_string(number)
                                  + ": not UTF-8");
        if (!line.empty())
            addLexiconText(lexicon, charset, line);
    }
    if (in.bad())
        throw nn::EngineError("error while reading the word list " + path);
    if (lexicon.size() == 0)
        throw nn::EngineError("the word list " + path + " holds no word this model can write");
    return lexicon;
}

}  // namespace inklens::model
