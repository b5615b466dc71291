#pragma once
// Re-stroked ground-truth folders ('inklens restroke'): the scanned lines of ground-truth
// folders turned into pen trajectories (training::restrokeLine) and written as NAME.inkml
// (InkML, saveInkDocument) + NAME.gt.txt and a manifest.tsv (file writer split flags text)
// that training::listGroundTruth, 'inklens eval' and 'inklens train' read. The writers are
// chosen by the held-out rule of 'inklens train' (training::splitGroundTruth), so that a
// held-out folder holds exactly the writers training never sees. Deterministic for a seed,
// whatever the threads.

#include "training/dataset.h"
#include "training/restroke.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace inklens::service {

enum class RestrokeWriters { Train, HeldOut, All };

// The lines of the folders (DIR, as 'inklens train --data' takes them but without weights)
// whose writers training uses (Train), holds out (HeldOut: a manifest's "val" rows, else the
// folder's first holdoutWriters writers, training::heldOutWriters), or all of them; lines
// that are never trained on (training::skipGroundTruth: vertical, unreadable) are left
// out. At most limit lines per folder, spread evenly (training::spreadEvenly; 0 = all).
// The split of each line is set to "train" or "val" by that rule. Throws nn::EngineError.
std::vector<training::GroundTruthLine> restrokeSelection(const std::vector<std::string>& dirs,
                                                         RestrokeWriters writers,
                                                         int holdoutWriters, int limit);

struct RestrokeFolderOptions
{
    QString dir;  // must exist
    std::uint64_t seed = 1;
    training::RestrokeOptions restroke;  // writerSeed is set per writer from the seed
    QString previewDir;                  // not empty: NAME.png (scan above its ink) there too
};

struct RestrokeFolderResult
{
    int written = 0;       // lines in the manifest
    int empty = 0;         // pictures that gave no ink (left out)
    int unreadable = 0;    // pictures that could not be read or re-stroked (left out)
    int failedWrites = 0;  // files that could not be written; the manifest is then not written
    QStringList errors;    // "FILE: message", one per unreadable picture or failed write
};

// Writes each line as NAME.inkml (NAME: the picture's file name without its suffix; the
// cleaned ground truth as its truth annotation) + NAME.gt.txt (the text as in the source)
// and, when every file was written, DIR/manifest.tsv with the source's writer, split, flags
// (plus "restroke") and text. Line i is re-stroked with the seed mixSeed(seed, i) and its
// writer's pen from the seed and the writer id. In parallel (OpenMP); progress (optional)
// is called after each line, one call at a time. Throws nn::EngineError when the manifest
// cannot be written.
RestrokeFolderResult writeRestrokeFolder(
    const std::vector<training::GroundTruthLine>& lines, const RestrokeFolderOptions& options,
    const std::function<void(int done, int total)>& progress = {});

}  // namespace inklens::service
