#pragma once
// Trains (or fine-tunes) a Model on line samples: batches grouped by width, Adam with
// warm-up and cosine decay, gradient clipping, on-the-fly augmentation, validation CER,
// checkpoints with the optimizer state (resume continues exactly), a stop flag.
// Deterministic for a seed and a thread count.

#include "imaging/ink.h"
#include "imaging/line_image.h"
#include "model/model_file.h"
#include "training/augment.h"
#include "training/ink_augment.h"
#include "training/metrics.h"

#include "nn/optim.h"

#include <atomic>
#include <memory>
#include <functional>
#include <string>
#include <vector>

namespace inklens::training {

struct LineSample
{
    imaging::LineImage image;  // normalized, the model's input height
    std::vector<int> labels;   // Charset::encode of the text
    std::string text;          // normalized ground truth
    std::string id;            // file name or synthetic id
    // The pen ink the image was drawn from (InkML samples), so that training can draw it
    // again, differently, at every step (TrainOptions::inkAugment); null for pictures.
    std::shared_ptr<const imaging::Ink> ink;
};

struct TrainOptions
{
    double minutes = 0;  // wall-clock budget (0: none)
    int maxSteps = 0;    // step budget (0: none); at least one budget must be set
    int batchSize = 16;
    float lr = 1e-3f;
    int warmupSteps = 200;
    float minLrFraction = 0.05f;  // cosine decays to lr * this
    float clip = 5.f;
    std::uint64_t seed = 1;
    bool shortFirst = false;  // curriculum: the first epoch runs its batches narrowest first
    bool augment = true;
    AugmentOptions augmentation;
    // Ink samples: a new variant of the ink (augmentInk) rasterized at every step, then the
    // picture augmentations that are not already done on the ink (inkImageAugmentation).
    // false: ink samples are augmented as pictures, from their one rasterization.
    bool inkAugment = true;
    InkAugmentOptions inkAugmentation;
    int validateEverySteps = 500;
    int maxValidationLines = 500;
    double checkpointMinutes = 5;
    std::string checkpointPath;  // empty: no checkpoints
    std::string outputPath;      // the best model (by validation CER) is saved here; without
                                 // validation lines, the last model (at the end of run())
    // Which parameters learn (by name, e.g. "fc.weight", "rnn1.weight_ih_l0"); empty: all.
    // The others are frozen: not stepped by the optimizer, not in its state or checkpoints.
    std::function<bool(const std::string& paramName)> trainable;
    // The learning rate of a parameter is lr * lrScale(name) (layer-wise rates); empty: lr.
    std::function<float(const std::string& paramName)> lrScale;
    // Seconds since any fixed origin, for the time budget, the schedule, checkpoints and
    // reports; empty: std::chrono::steady_clock. Tests pass a clock they advance.
    std::function<double()> clock;
};

struct TrainProgress
{
    int step = 0, epoch = 0;
    float loss = 0;  // running mean of the recent batches
    float lr = 0;
    double elapsedSeconds = 0, etaSeconds = -1;
    double linesPerSecond = 0;
    bool validated = false;  // valCer/valWer are fresh
    double valCer = -1, valWer = -1, bestValCer = -1;
    int skipped = 0;  // samples skipped (label too long for the frames)
    // A save during the run that failed (a full disk, a folder made read-only): the file
    // of the last good save stays whole and training goes on; tried again at the next
    // checkpoint or better validation. Empty when the saves of this report went well.
    std::string saveError;
};

// The picture augmentations left for ink drawn from a variant (augmentInk did slant,
// rotation, stroke width and the elastic part on the points).
AugmentOptions inkImageAugmentation(AugmentOptions o);

// What the network is given for a sample at one step: the sample augmented (with
// options.augment), its ink redrawn as a new variant first (with options.inkAugment and
// s.ink), or the sample's image as it is.
imaging::LineImage augmentSample(const LineSample& s, nn::Rng& rng, const TrainOptions& options);

class Trainer
{
public:
    Trainer(model::Model& model, std::vector<LineSample> train, std::vector<LineSample> val,
            TrainOptions options);

    // Runs until a budget is reached or stop becomes true; always leaves a checkpoint (if a
    // path is set) and the best model (if an output path is set). Returns the last progress.
    // A save that fails during the run is reported (TrainProgress::saveError) and tried again
    // later; one that fails at the end throws nn::EngineError after the other saves of the
    // end were tried (a checkpoint is still written when only the model cannot be).
    TrainProgress run(const std::function<void(const TrainProgress&)>& progress,
                      const std::atomic_bool& stop);

    // Restores model weights, optimizer state, position and the time trained so far (the
    // time budget and the schedule continue) from a checkpoint. Throws nn::EngineError
    // naming the file and what is wrong (unreadable, another architecture, a missing or
    // malformed entry).
    void resume(const std::string& checkpointPath);
    // Writes the model, the optimizer state, the position and the total time trained.
    void saveCheckpoint(const std::string& path);

    // Greedy CER/WER of a model on samples (batched, both cores).
    static ErrorRates evaluate(const model::Model& model, const std::vector<LineSample>& samples,
                               int maxLines = 0, std::vector<std::string>* hypotheses = nullptr);

private:
    std::vector<std::vector<int>> epochBatches(int epoch) const;
    float learningRate(double progress) const;
    double now() const;
    double elapsedSeconds() const;  // all runs so far, this one included

    model::Model& m_model;
    std::vector<LineSample> m_train, m_val;
    TrainOptions m_opt;
    std::vector<nn::Param*> m_params;  // the trainable ones (TrainOptions::trainable)
    nn::Adam* m_adam = nullptr;
    std::unique_ptr<nn::Adam> m_adamOwner;
    int m_step = 0, m_epoch = 0, m_batchInEpoch = 0;
    double m_elapsedBefore = 0;  // seconds trained before this run (restored by resume)
    double m_runStart = -1;      // now() when this run started; < 0 outside run()
    double m_bestCer = -1;
};

}  // namespace inklens::training
