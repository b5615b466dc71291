#pragma once
// Ground-truth folders and their writer-disjoint training/validation split, Qt-free
// (std::filesystem; paths and text are UTF-8 std::strings).
//
// A folder holds NAME.{png,jpg,...,inkml} beside NAME.gt.txt (UTF-8, one line), the
// convention of tesstrain, Kraken and Calamari; or a manifest.tsv whose header names the
// columns, among them file (required), writer, split, flags and text (without a text
// column the text comes from each file's NAME.gt.txt). Errors throw nn::EngineError.

#include "model/charset.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inklens::training {

struct GroundTruthLine
{
    std::string imagePath;  // the folder's path joined with the file name
    std::string text;       // as written in the file (not yet normalized)
    std::string writer;     // empty when unknown
    std::string split;      // "train", "val", ... or empty
    std::string flags;      // manifest flags, "-" or empty when none
};

// The picture types a folder listing takes (lower case, without the dot): png, jpg, jpeg,
// tif, tiff, bmp, webp. Matched case-insensitively.
const std::vector<std::string>& supportedImageSuffixes();

// Lists a ground-truth folder. With a manifest.tsv: its rows in file order (rows without a
// file are skipped). Otherwise: every visible picture file (supportedImageSuffixes) or
// InkML file (.inkml) that has a NAME.gt.txt beside it, in file-name order (bytewise), with that file's first line,
// whitespace trimmed. Throws nn::EngineError "folder not found: DIR" or "DIR: manifest.tsv
// has no 'file' column".
std::vector<GroundTruthLine> listGroundTruth(const std::string& dir);

// The text a model should learn or be scored on: manifest markup removed ('^' before
// superscripts with the flag "superscript", '>' '<' around crossed-out but readable words
// with the flag "markup").
std::string cleanGroundTruth(std::string text, std::string_view flags);

// True for lines that are never trained or scored on: flagged "vertical" (marginalia) or
// unreadable passages ('><' in the text).
bool skipGroundTruth(const GroundTruthLine& line);

// Writer-disjoint hold-out: the first n of the lines' distinct non-empty writers ordered
// by the SHA-1 of the writer id's UTF-8 bytes (a fixed, data-independent choice, the same
// as the PyTorch peer's). Fewer when there are fewer writers; none for n <= 0.
std::vector<std::string> heldOutWriters(const std::vector<GroundTruthLine>& lines, int n);

// "PATH:WEIGHT" -> {PATH, WEIGHT}; {arg, 1} when there is no ":number >= 0" suffix (or
// the colon is the first character).
struct WeightedPath
{
    std::string path;
    double weight = 1;
};
WeightedPath splitWeight(std::string_view arg);

// The split of ground-truth folders, given as DIR[:WEIGHT]. For each folder, skipped lines
// (skipGroundTruth) are dropped; when a manifest has "val" rows they validate, otherwise the
// lines of its first holdoutWriters writers (heldOutWriters) do. The folder's training lines
// are then repeated or thinned by its weight: floor(weight * n) lines, line k being the
// floor(k / weight)-th (2: each twice in a row; 0.5: every other; 0: none).
struct FolderSplit
{
    std::string dir;
    double weight = 1;
    std::size_t trainingLines = 0;  // after weighting
    std::size_t validationLines = 0;
};
struct DatasetSplit
{
    std::vector<GroundTruthLine> train, val;
    std::vector<std::string> heldOutWriters;  // of all folders, in folder order
    std::vector<FolderSplit> folders;         // one per argument
};
DatasetSplit splitGroundTruth(const std::vector<std::string>& dirs, int holdoutWriters);

// One row of a manifest.tsv as writeManifest writes it.
struct ManifestRow
{
    std::string file, writer, split, flags, text;
};

// Writes DIR/manifest.tsv: the header "file writer split flags text" and the rows, tab-
// separated, UTF-8. With keepOtherRows, the rows of the manifest already there whose file
// is not among `rows` come first, as they were (a data set continued in several runs).
// Written atomically (model::writeFileAtomic): a failure or a killed process leaves the
// manifest as it was. Throws nn::EngineError naming the file and why.
void writeManifest(const std::string& dir, const std::vector<ManifestRow>& rows,
                   bool keepOtherRows);

// The lines of one ground-truth folder to score a model on ('inklens eval', a fine-tuning
// guard), with the reference each is compared against.
struct EvaluationLine
{
    std::string file;       // GroundTruthLine::imagePath
    std::string reference;  // cleaned (cleanGroundTruth), then normalizeText()
};
struct EvaluationSelection
{
    std::optional<std::string>
        split;               // only the rows of this split, where the folder has a split column
    int holdoutWriters = 0;  // > 0 and the folder has no "val" row: only heldOutWriters(lines, n)
    // Non-null: the reference as this charset writes it (fallbacks such as ſ -> s applied,
    // characters it lacks dropped; Charset::encode then decode), as training validation scores.
    const model::Charset* fitReference = nullptr;
};
struct EvaluationSet
{
    std::vector<EvaluationLine> lines;  // in the folder's order
    int skipped = 0;            // left out by skipGroundTruth (after the split and writer filters)
    bool splitIgnored = false;  // a split was asked for but no line has one
};
// Filters one folder's lines (listGroundTruth): the split, then the held-out writers, then
// skipGroundTruth; the held-out writers are chosen among all listed lines.
EvaluationSet selectEvaluationLines(const std::vector<GroundTruthLine>& lines,
                                    const EvaluationSelection& selection);

// At most maxCount items spread evenly over all of them (every k-th, k = size / maxCount),
// so that a subset still covers every writer; all of them when maxCount <= 0.
template<class T>
std::vector<T> spreadEvenly(std::vector<T> items, int maxCount)
{
    if (maxCount <= 0 || items.size() <= std::size_t(maxCount))
        return items;
    std::vector<T> out;
    const double stride = double(items.size()) / maxCount;
    for (int i = 0; i < maxCount; ++i)
        out.push_back(items[std::size_t(double(i) * stride)]);
    return out;
}

}  // namespace inklens::training
