#pragma once
// The CRNN architecture as data. A model file stores this spec as JSON in its
// metadata; code never hard-codes a network.
//
//   input (N, 1, inputHeight, W), ink = 1, paper = 0
//   conv blocks: conv k x k "same" -> [batch norm] -> activation -> [max pool (ph, pw)]
//   columns -> sequence: feature index = channel * H' + row, T = W / widthReduction()
//   BiLSTM layers (hidden sizes), then Linear -> numClasses, log-softmax (class 0 = blank)

#include "nn/layers.h"

#include <cstdint>
#include <string>
#include <vector>

namespace inklens::model {

struct ConvBlockSpec
{
    int channels = 0;
    int kernel = 3;
    bool batchNorm = false;
    int poolH = 1, poolW = 1;
    bool operator==(const ConvBlockSpec&) const = default;
};

struct CrnnSpec
{
    static constexpr int kVersion = 1;
    int inputHeight = 32;
    nn::Activation activation = nn::Activation::ReLU;
    std::vector<ConvBlockSpec> convs;
    std::vector<int> lstmHidden;  // one bidirectional layer per entry
    int numClasses = 0;           // including the blank

    // The fixed architecture of ../shared/bench (crnn-ref), 80 classes.
    static CrnnSpec crnnRef();
    // Throws nn::EngineError naming the first inconsistency.
    void validate() const;
    int featureHeight() const;   // rows left after the pools
    int widthReduction() const;  // product of the pool widths
    int features() const;        // per-column features into the first LSTM
    int framesFor(int width) const;
    // The weights of the convolution kernels, the LSTMs' input and recurrent matrices and
    // the output layer (biases and normalization statistics not counted): a lower bound of
    // what a model file of this spec holds, checked before the network is allocated.
    std::int64_t weightCount() const;
    std::string toJson() const;
    static CrnnSpec fromJson(const std::string& json);  // throws nn::EngineError
    bool operator==(const CrnnSpec&) const = default;
};

}  // namespace inklens::model
