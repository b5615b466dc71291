#pragma once
// Word lists for the beam search's lexicon (ctc/lexicon.h) over a charset: letters are
// word labels (Latin letters with their accents: A-Z, a-z, U+00C0..U+024F but × and ÷,
// U+1E00..U+1EFF); everything else (space, digits, punctuation, apostrophes, hyphens)
// separates words. Upper-case letters fold to their lower case when the charset has it.

#include "ctc/lexicon.h"
#include "model/charset.h"

#include <string>

namespace inklens::model {

// An empty lexicon with the charset's word labels and case folding.
ctc::Lexicon emptyLexicon(const Charset& charset);

// Adds the words of one line of text (normalizeText, then charset.encode: characters the
// charset lacks are dropped, so they split nothing). Returns the number of new words.
int addLexiconText(ctc::Lexicon& lexicon, const Charset& charset, const std::string& utf8);

// A word list file (UTF-8, one or more words per line; empty lines skipped). Throws
// nn::EngineError when the file cannot be read, a line is not UTF-8 (naming it), or it
// holds no word.
ctc::Lexicon loadLexicon(const std::string& path, const Charset& charset);

}  // namespace inklens::model
