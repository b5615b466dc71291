#pragma once
// Unicode text <-> CTC labels. No Qt: UTF-8 and normalization are done here.
//
// Normalization is NFC for the Latin repertoire, not general Unicode NFC:
//  - canonical decomposition, canonical reordering of combining marks and canonical
//    composition are implemented exactly (tables generated from the Unicode 14 data) for
//    every precomposed letter of Latin-1 Supplement, Latin Extended-A, Latin Extended-B
//    and Latin Extended Additional (French, German, Spanish, Portuguese, Polish, Czech,
//    Romanian, Vietnamese, pinyin, ...), with the combining classes of the combining
//    diacritical mark blocks (U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF, U+20D0-20FF,
//    U+FE20-FE2F), plus the canonical singletons that land in Latin or punctuation
//    (KELVIN SIGN -> K, ANGSTROM SIGN -> Å, GREEK QUESTION MARK -> ';', EN QUAD -> EN SPACE, ...);
//  - Greek, Cyrillic, Hangul and other scripts pass through unchanged (a combining mark
//    outside the blocks above is treated as a starter);
//  - NFC maps no typographic punctuation: ’ « » “ ” … – — stay their own characters.
//    Only Charset::encode() applies fallbacks (see there).
//
// Whitespace (for collapsing): U+0009-000D, U+0020, U+0085, U+00A0, U+1680, U+2000-200A,
// U+2028, U+2029, U+202F, U+205F, U+3000 all count as a space. The invisible format
// characters U+200B-200D, U+2060 and U+FEFF (BOM) are removed.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace inklens::model {

// UTF-8 -> code points. Invalid input never throws: each maximal invalid subsequence
// (stray continuation byte, truncated sequence, overlong form, surrogate, > U+10FFFF)
// becomes one U+FFFD. *valid (if given) is set to false when that happened.
std::u32string decodeUtf8(std::string_view utf8, bool* valid = nullptr);

// Code points -> UTF-8. Surrogates and values beyond U+10FFFF are written as U+FFFD.
std::string encodeUtf8(std::u32string_view text);
std::string encodeUtf8(char32_t c);

// NFC for the Latin repertoire (see above).
std::u32string nfcLatin(std::u32string_view text);
std::string nfcLatin(std::string_view utf8);

// NFC, invisible format characters removed, whitespace runs collapsed to one U+0020,
// leading and trailing whitespace removed. Used for the ground truth and for CER/WER.
std::u32string normalizeText(std::u32string_view text);
std::string normalizeText(std::string_view utf8);

bool isSpaceChar(char32_t c);

// The label alphabet of a model. Label 0 is the CTC blank; labels 1..size()-1 are the
// characters in the order they were given (the order is part of the model).
class Charset
{
public:
    static constexpr int kBlank = 0;

    Charset() = default;  // empty: only the blank

    // space, 0-9, a-z, A-Z, the accented letters of French, German and Spanish, the ASCII
    // punctuation and symbols, and € £ ° § « » ’ … – ¿ ¡. Always the same order.
    static Charset defaultLatin();

    // Characters in label order (label 1 first) as UTF-8; the inverse of toString().
    // Throws nn::EngineError on an empty string, invalid UTF-8, a duplicate character,
    // a control character, a whitespace character other than U+0020, an invisible format
    // character, or a character that is not in NFC (e.g. a lone combining mark), since
    // encode() could never produce its label.
    static Charset fromString(std::string_view utf8);
    std::string toString() const;

    int size() const { return int(m_chars.size()) + 1; }  // including the blank
    int labelOf(char32_t c) const;                        // -1 if not in the charset
    char32_t charOf(int label) const;                     // 0 for the blank, U+FFFD if out of range
    bool contains(char32_t c) const { return labelOf(c) >= 0; }

    // Text -> labels: normalizeText() first; a character not in the charset is replaced by
    // its fallback if the charset holds all of the fallback's characters, else skipped and
    // appended to *unknown (if given, only when not already listed there; the vector is
    // not cleared, so it can collect over many lines). After skipping, runs of spaces are
    // collapsed again and trimmed. Fallbacks (only used for characters the charset lacks):
    //   ſ -> s; “ ” „ ‟ ″ « » -> "; ‘ ‚ ‛ ′ ’ -> ' (and ' -> ’ when only ’ exists);
    //   ‐ ‑ ‒ – — ― − -> - (— ― -> – first if the charset has –); … -> ...;
    //   ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ -> ff fi fl ffi ffl st st; Œ œ Æ æ -> OE oe AE ae; ß -> ss;
    //   × -> x; · -> .
    // Accents are never stripped: an accented letter the charset lacks is reported.
    std::vector<int> encode(std::string_view utf8, std::vector<char32_t>* unknown = nullptr) const;

    // Labels -> text, one character per label; blanks (0) are skipped, labels out of
    // range become U+FFFD. No CTC collapsing of repeats (that is the decoder's job).
    std::string decode(const std::vector<int>& labels) const;

    bool operator==(const Charset& other) const { return m_chars == other.m_chars; }

private:
    bool appendFallback(char32_t c, std::vector<int>& labels) const;

    std::u32string m_chars;                      // label - 1 -> character
    std::unordered_map<char32_t, int> m_labels;  // character -> label
};

}  // namespace inklens::model
