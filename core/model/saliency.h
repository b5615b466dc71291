#pragma once
// Which input pixels a recognized character depends on. Two methods, both for one
// character of a recognition (its label and its frame span), both Qt-free and meant for a
// worker thread (they cost one to a few hundred forward passes):
//
//  - gradient: d score / d pixel through the network in INFERENCE mode. The score is
//    the character's log-probability at the frame of its span where it is most probable,
//        score = max_{t in [firstFrame, lastFrame]} logProbs(t, label)   (= log confidence).
//    Batch norm must stay in inference mode (running statistics), otherwise the function
//    differentiated is not the one that recognized the line. Crnn::backward only follows
//    forwardTrain (batch statistics), so the gradient runs on an inference clone: the
//    same network with every batch norm folded into its convolution (an exact rewrite of
//    the inference function), which has no batch norm left for training mode to change.
//
//  - occlusion: the drop of the same score when a band of `band` image columns is set to
//    paper (0), for every band: values[y*w + x] = score(original) - score(band of x
//    blanked), constant down each column. Needs one forward pass per band (of the whole
//    line: the BiLSTM sees all of it), so it can be limited to the bands inside a column
//    range, e.g. around the character; values outside [firstColumn, endColumn) are 0.
//
// Layout: values is height x width, row-major, like the input pixels (ink = 1).

#include "model/crnn.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace inklens::model {

enum class SaliencyMethod { Gradient, Occlusion };

struct SaliencyTarget
{
    int label = 0;                      // class of the character (1..C-1)
    int firstFrame = 0, lastFrame = 0;  // its span, inclusive
};

struct SaliencyMap
{
    SaliencyMethod method = SaliencyMethod::Gradient;
    int width = 0, height = 0;
    std::vector<float> values;           // height x width: d score/d pixel, or the occlusion drop
    float score = 0;                     // the target's score on the unchanged input
    int frame = 0;                       // the frame where the score was taken
    int band = 0;                        // occlusion band width (columns); 0 for gradients
    int firstColumn = 0, endColumn = 0;  // the columns computed: all for gradients
    bool cancelled = false;
    bool empty() const { return values.empty(); }
};

// The network with batch norm folded into the convolutions and no batch norm left:
// forwardTrain on it computes the inference function (up to float rounding), and
// backward then gives exact inference-mode gradients.
Crnn inferenceClone(const Crnn& net);

// requires: pixels height x width row-major (ink = 1), height == net.spec().inputHeight,
// width >= net.spec().widthReduction(), target inside the frames and classes.
// cancel (optional) is polled between stages; a cancelled result has cancelled = true.
SaliencyMap saliencyGradient(const Crnn& net, const float* pixels, int width, int height,
                             const SaliencyTarget& target,
                             const std::atomic_bool* cancel = nullptr);

struct OcclusionOptions
{
    int band = 4;  // columns blanked at a time
    int firstColumn = 0,
        endColumn = -1;  // the bands to try: those overlapping [first, end); -1 = width
    int batch = 8;       // occluded copies per forward pass
};

// progress (optional) is called with (bands done, bands total) after each batch.
SaliencyMap saliencyOcclusion(const Crnn& net, const float* pixels, int width, int height,
                              const SaliencyTarget& target, const OcclusionOptions& options = {},
                              const std::atomic_bool* cancel = nullptr,
                              const std::function<void(int, int)>& progress = {});

}  // namespace inklens::model
