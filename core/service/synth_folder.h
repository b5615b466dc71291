#pragma once
// Synthetic ground-truth folders ('inklens synth'): the writers a generator draws with
// (Hershey fonts, handwriting fonts) and the folder it fills, NAME.png (or NAME.inkml) +
// NAME.gt.txt and a manifest.tsv (file, writer, split, flags, text) that
// training::listGroundTruth reads. Deterministic for a seed, whatever the threads.

#include "service/font_renderer.h"
#include "training/hershey.h"
#include "training/synth.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace inklens::service {

// Held-out Hershey writers (held-out sets) come from this id range, which training data never uses.
constexpr int kHeldOutFirstWriter = 100000;

// The generator's options for a data set. A held-out set draws other texts than a training
// set made with the same seed, and its Hershey writers from kHeldOutFirstWriter on.
training::SynthOptions synthOptions(int height, std::uint64_t seed, bool heldOut,
                                    float hersheyShare, int writers, bool augment);

// The Hershey handwriting fonts of a folder (training::HersheyFont::handwritingFontPaths),
// loaded; none when there are none. Throws nn::EngineError on a bad font file.
std::vector<std::shared_ptr<const training::HersheyFont>> loadHersheyFonts(const std::string& dir);

// The handwriting fonts of a group in the folders as writers for lines of a height.
struct FontWriters
{
    std::vector<training::FontStyle> styles;
    QStringList names;   // the fonts' ids, in the styles' order
    QStringList errors;  // files that could not be read
};
FontWriters loadFontWriters(const QStringList& dirs, FontGroup group, int lineHeight);

struct SynthFolderOptions
{
    QString dir;              // must exist
    std::uint64_t first = 0;  // index of the first sample: file names %06d from it
    int count = 0;
    bool inkml = false;           // NAME.inkml (the Hershey pen trajectory) instead of NAME.png
    std::string split = "train";  // the manifest's split column
};

struct SynthFolderResult
{
    int written = 0;       // lines in the manifest
    int failedWrites = 0;  // files that could not be written; the manifest is then not written
};

// Writes samples first .. first + count - 1 of the generator (in parallel, OpenMP) and, when
// every file was written, DIR/manifest.tsv with the samples made (rows of an earlier run
// are kept when first > 0). A sample the generator cannot make is left out. progress
// (optional) is called after each sample, one call at a time, done = 1 .. count.
// Throws nn::EngineError when the manifest cannot be written.
SynthFolderResult writeSynthFolder(const training::SyntheticGenerator& generator,
                                   const SynthFolderOptions& options,
                                   const std::function<void(int done, int total)>& progress = {});

}  // namespace inklens::service
