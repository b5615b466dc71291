#pragma once
// Fine-tuning a model on a user's corrected samples, guarded: the samples are split into
// training and held-out ones (deterministic); training runs on a copy of the base model
// and mixes the user's samples (augmented) with replay of general lines (synthetic
// Hershey lines made at run time, and/or a folder) so that the model does not forget, and
// keeps base + interpolation * (trained - base), which forgets far less again; the
// result is `better` only when the held-out CER fell and the CER on a fixed general set
// rose by at most a margin. Nothing is written here except by saveFineTuned, which the
// caller calls when it decides to keep the model. The same function runs for the window
// and for 'inklens finetune'.

#include "model/model_file.h"
#include "training/trainer.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace inklens::service {

// What adapts; the rest is frozen (not stepped, batch-norm statistics kept).
enum class Adapt {
    Output,  // the output layer (fc)
    Lstm,    // the BiLSTMs and the output layer
    All,     // every parameter
};
const char* adaptName(Adapt adapt);
// "output", "lstm", "all"; false for anything else.
bool parseAdapt(const std::string& name, Adapt* adapt);

struct FineTuningOptions
{
    double minutes = 2;  // the whole run's budget: scoring before and after included
    int maxSteps = 0;    // 0: the time budget alone
    Adapt adapt = Adapt::Lstm;
    int batchSize = 8;
    float lr = 3e-4f;
    int warmupSteps = 20;
    std::uint64_t seed = 1;
    int holdOutEvery = 4;  // samples 3, 7, 11, ... are held out (at least one)
    // Replay: general lines in every epoch, about this share of the lines trained on.
    float replayShare = 0.5f;
    int replayLines = 300;                // synthetic replay lines made (0: none)
    std::vector<std::string> replayDirs;  // ground-truth folders replayed as well (their
                                          // lines that are not "val" rows)
    int replayDirLines = 300;             // at most this many of each folder, spread evenly
    // The general set the guard scores: the lines of this folder (its "val" rows when it
    // has some), at most generalLines of them spread evenly; empty: generalLines
    // synthetic Hershey lines of held-out writers with a fixed seed.
    std::string generalDir;
    int generalLines = 100;
    std::uint64_t generalSeed = 20261207;
    double generalMargin = 0.01;  // the general CER may rise by at most this (1 point)
    std::string hersheyDir = "/usr/share/hershey-fonts";
    int validateEverySteps = 25;  // held-out CER in the progress
    // The model kept is base + interpolation * (trained - base) (weight-space ensembling,
    // "WiSE-FT"): training on one writer moves the weights away from what reads everyone
    // else, and going part of the way back keeps most of the gain on the writer with little
    // of that loss (measured: bench/README.md). 1: the trained model itself.
    float interpolation = 0.4f;
    // Picture augmentation of every line trained on (a user's few lines are seen hundreds
    // of times each).
    training::AugmentOptions augmentation;
    // The held-out CER must fall by at least this share of its value before (0: any fall).
    double heldOutMinGain = 0;
    // Batch-norm statistics re-estimated on the user's training samples after training
    // (AdaBN: the writer's stroke width and contrast as the convolutions see them).
    bool adaptBatchNorm = false;
    // Learning rate of the convolutions and their batch norms relative to lr (with
    // Adapt::All): layer-wise rates, the features low in the network move less.
    float convLrScale = 1.f;
    // The model's character language model as saved with the fine-tuned model: the base's
    // mixed with an n-gram model of the samples' texts at this weight (a cache of the
    // user's own words, names and spellings; adaptLanguageModel). 0: the base's as it is.
    double lmCacheWeight = 0.2;
    // After the guard passed: train again from the base on all the samples, the held-out
    // ones included, with the same recipe and as many steps; kept when its general CER is
    // within the margin too (else the guarded model). The guarded run gets half the budget.
    bool retrainOnAll = false;
};

struct FineTuningProgress
{
    int step = 0;
    float loss = 0;
    double heldOutCer = -1;  // fresh when >= 0
    double elapsedSeconds = 0;
    double fraction = 0;  // of the budget
    // The model being trained, valid during the progress call only (copy it for a live
    // view; progress comes between steps, so the copy is a whole model).
    const model::Model* model = nullptr;
};

struct FineTuningResult
{
    model::Model model;  // the fine-tuned copy
    int trainingSamples = 0, heldOutSamples = 0, replayLines = 0, generalLines = 0;
    std::string generalSet;  // what the general set is
    double heldOutBefore = -1, heldOutAfter = -1, generalBefore = -1, generalAfter = -1;
    int steps = 0;                 // of the guarded run (and as many again when retrained on all)
    bool retrained = false;        // the model was trained again on all samples (retrainOnAll)
    double generalRetrained = -1;  // the general CER of that model
    double seconds = 0;
    bool cancelled = false;
    bool better = false;
    std::string verdict;  // why it is better or not, one sentence
    std::vector<std::string> texts;  // of all the samples (the language model's cache)

    explicit FineTuningResult(model::Model m) : model(std::move(m)) { }
};

// base + alpha * (tuned - base), parameter by parameter and batch-norm statistic by
// statistic (the same architecture; tuned's charset): alpha 1 is tuned, 0 the base.
model::Model interpolateModels(const model::Model& base, const model::Model& tuned, float alpha);

// Stronger picture augmentation than the trainer's default (more slant, scale, elastic
// distortion, stroke width and neighbour fragments), and weaker.
training::AugmentOptions heavyAugmentation();
training::AugmentOptions lightAugmentation();

// Re-estimates every batch norm's running statistics on lines (forward passes in training
// mode, batches of 8 by width, `passes` times over the lines; momentum as in training).
void adaptBatchNormStatistics(model::Model& model, const std::vector<training::LineSample>& lines,
                              int passes = 10);

// base's language model with a cache of texts (the user's corrected lines): an n-gram
// model of the texts, of base's order, mixed in at weight w (ctc::CharNgramLm::interpolate).
// Texts with characters outside the charset keep the others.
model::LanguageModel adaptLanguageModel(const model::LanguageModel& base,
                                        const std::vector<std::string>& texts, double w);

// Samples of a ground-truth folder (NAME.png|inkml + NAME.gt.txt, or a manifest), read as
// the reader reads them (service::loadLineSamples). Throws nn::EngineError.
std::vector<training::LineSample> loadSampleFolder(const std::string& dir,
                                                   const model::Charset& charset, int height,
                                                   std::size_t* skipped = nullptr);

// Indices of the held-out samples among n: every holdOutEvery-th (the last of each group),
// at least one when n >= 2; none for n < 2.
std::vector<int> heldOutIndices(int n, int holdOutEvery);

// Fine-tunes a copy of base on the samples (at least 2). Throws nn::EngineError (too few
// samples, no replay or general lines could be made). progress is called from this thread.
FineTuningResult fineTune(const model::Model& base,
                          const std::vector<training::LineSample>& samples,
                          const FineTuningOptions& options,
                          const std::function<void(const FineTuningProgress&)>& progress,
                          const std::atomic_bool& cancel);

// Writes the fine-tuned model to outPath atomically with its provenance (base model file,
// samples, date, scores, options) and the base's language model (.lm beside basePath),
// when there is one, beside it: adapted to the samples' texts when
// options.lmCacheWeight > 0, else copied. Refuses to write over the base model file.
// Throws nn::EngineError.
void saveFineTuned(const FineTuningResult& result, const FineTuningOptions& options,
                   const std::string& basePath, const std::string& samplesSource,
                   const std::string& outPath);

}  // namespace inklens::service
