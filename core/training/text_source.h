#pragma once
// Text to write for synthetic handwriting: words from word lists (one word a line,
// UTF-8, e.g. Debian's /usr/share/dict/{american-english,french,ngerman,spanish}),
// phrases of 1-8 words mixed with each language's frequent words, and random strings
// (digits, dates, prices, punctuation, capitals, mixed codes). Every text is in the
// given charset and normalized (model::normalizeText). Deterministic for an nn::Rng:
// the same Rng state gives the same text. next() is const: one TextSource can serve
// many threads, each with its own Rng.

#include "model/charset.h"
#include "nn/param.h"

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace inklens::training {

enum class TextKind { Word, Phrase, Digits, Date, Price, Punctuation, Capitals, Mixed };
inline constexpr int kTextKinds = 8;
const char* textKindName(TextKind kind);

struct TextSourceOptions
{
    // Relative weights of the kinds, in TextKind order.
    float weights[kTextKinds] = {0.14f, 0.46f, 0.06f, 0.07f, 0.06f, 0.08f, 0.05f, 0.08f};
    int maxChars = 48;         // texts are cut at a word boundary to at most this many characters
    int maxWords = 8;          // phrases have 1..maxWords words
    float commonWords = 0.4f;  // share of phrase words drawn from the built-in frequent words
    // Relative weights of the languages ("en", "fr", ...); a language with words that is not
    // named here weighs 1, and so does every language when this is empty.
    std::vector<std::pair<std::string, float>> languageWeights;
};

// "en=2,fr=1,de=0.5" -> {{"en", 2}, {"fr", 1}, {"de", 0.5}}. Throws nn::EngineError naming
// the part that is not LANG=WEIGHT with a weight >= 0.
std::vector<std::pair<std::string, float>> parseLanguageWeights(std::string_view spec);

class TextSource
{
public:
    // Reads each word list that exists (missing files are skipped and reported by
    // missingLists()). A word is kept when it is 1..24 characters of the charset with no
    // space; English possessives ("Aaron's") are dropped. The language of a list is
    // guessed from its file name (american-english, english -> en, french -> fr,
    // ngerman, german -> de, spanish -> es; otherwise the file name), which selects the
    // frequent words and the month names used with it. Languages whose built-in tables
    // are known are available even without a list (frequent words only).
    explicit TextSource(model::Charset charset, const std::vector<std::string>& wordLists = {},
                        TextSourceOptions options = {});

    // Debian's word lists that exist on this machine.
    static std::vector<std::string> debianWordLists();

    // Adds words for a language (filtered like the lists' words).
    void addWords(const std::string& language, const std::vector<std::string>& words);

    // One text of a kind drawn by the weights. allowed (optional) narrows the charset
    // further (e.g. to what a font can draw): other characters are removed.
    std::string next(nn::Rng& rng, const std::function<bool(char32_t)>& allowed = {}) const;
    std::string make(TextKind kind, nn::Rng& rng,
                     const std::function<bool(char32_t)>& allowed = {}) const;

    std::size_t wordCount() const;               // words from lists (not the built-in ones)
    std::vector<std::string> languages() const;  // languages with words
    const std::vector<std::string>& missingLists() const { return m_missing; }
    const model::Charset& charset() const { return m_charset; }

    // True when every character of the (normalized) text is in the charset.
    bool inCharset(std::string_view utf8) const;

private:
    struct Language
    {
        std::string name;
        std::vector<std::u32string> words;   // from lists
        std::vector<std::u32string> common;  // built-in frequent words
    };
    Language& language(const std::string& name);
    bool acceptWord(const std::u32string& w) const;
    const Language& pickLanguage(nn::Rng& rng) const;
    std::u32string word(const Language& lang, nn::Rng& rng, float commonShare) const;
    std::u32string phrase(const Language& lang, nn::Rng& rng, int minWords, int maxWords) const;
    std::u32string generate(TextKind kind, nn::Rng& rng) const;
    std::string finish(std::u32string text, const std::function<bool(char32_t)>& allowed) const;

    model::Charset m_charset;
    TextSourceOptions m_opt;
    std::vector<Language> m_langs;
    std::vector<std::string> m_missing;
};

// Upper case for the Latin letters of the default charset (ß -> SS, ÿ -> Ÿ, œ -> Œ, ...).
std::u32string upperLatin(std::u32string_view text);

}  // namespace inklens::training
