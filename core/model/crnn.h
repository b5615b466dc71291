#pragma once
// The CRNN: conv blocks -> BiLSTM layers -> Linear -> log-softmax, built from a
// CrnnSpec. Parameters live here; activations live in caller-owned workspaces, so a
// const Crnn serves several threads at once (each with its own workspace).
//
// Inference uses batch norm folded into the convolutions; training uses batch statistics.
// The folded copy keeps itself current: every way to change the parameters marks it
// stale (the non-const accessors, initialize(), the training passes, and Param::touch(),
// which the optimizer's step calls), and the first forward() after a change rebuilds it,
// under a lock that the forwards of an unchanged model never take.

#include "ctc/ctc.h"
#include "model/spec.h"
#include "nn/layers.h"
#include "nn/lstm.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace inklens::model {

// What forward() records when asked. Null probe: nothing recorded, nothing spent.
struct Probe
{
    std::vector<nn::Tensor4> convMaps;  // per conv block, after the activation (before pooling)
    std::vector<nn::Mat> lstmForward;   // per LSTM layer, (T*N, H) forward-direction states
    std::vector<nn::Mat> lstmBackward;  // per LSTM layer, (T*N, H) backward-direction states
    nn::Seq logProbs;                   // (T, N, C) log-posteriors
};

// Activations of one pass, reused between calls (no allocation once warm).
struct CrnnWorkspace
{
    std::vector<nn::Tensor4> blockIn;  // input of each conv block after a pool; [0] = images
    std::vector<nn::Tensor4> act;      // each block after conv [+bn] + activation
    std::vector<nn::BatchNorm2d::Cache> bn;
    std::vector<nn::MaxPool2d::Cache> pool;
    std::vector<nn::Seq> seq;  // seq[0] = columns of the last map; seq[l+1] = LSTM l output
    std::vector<nn::BiLstm::Cache> rnn;
    nn::Seq logits, logProbs;
    // gradients (training)
    nn::Tensor4 dMapA, dMapB;
    nn::Seq dSeqA, dSeqB, dLogProbs, dLogits;
};

class Crnn
{
public:
    explicit Crnn(CrnnSpec spec);
    Crnn(const Crnn& other);
    Crnn& operator=(const Crnn& other);

    const CrnnSpec& spec() const { return m_spec; }
    // The same weights reading inputs of another height: only the height changes, so the
    // LSTM's input size (channels x rows after the pools) must stay the same (e.g. 40 and
    // 32 both leave 2 rows). For fine-tuning a model to a smaller, faster input. Throws
    // nn::EngineError when the sizes differ.
    Crnn withInputHeight(int height) const;
    // Seeded initialization (PyTorch's default distributions); identical for equal seeds.
    void initialize(std::uint64_t seed);

    // Learnable parameters, in a fixed order (also the model file's order). The non-const
    // accessors count as a change of what they expose; a caller that keeps the pointers
    // and writes through them after a forward() calls Param::touch() (as Adam::step does).
    std::vector<nn::Param*> params();
    std::vector<const nn::Param*> params() const;
    std::size_t parameterCount() const;
    // Batch-norm running statistics (not learnable, but stored in model files).
    std::vector<std::pair<std::string, nn::Vec*>> buffers();
    std::vector<std::pair<std::string, const nn::Vec*>> buffers() const;

    // Inference. images: (N, 1, inputHeight, W) with widths; logProbs: (T, N, C).
    // Several threads may run it at once on a const Crnn, each with its own workspace.
    // cancel (optional) is polled between layers; when it is set, forward returns early
    // and logProbs is left empty.
    void forward(const nn::Tensor4& images, nn::Seq& logProbs, CrnnWorkspace& ws,
                 Probe* probe = nullptr, const std::atomic_bool* cancel = nullptr) const;

    // One training pass: forward with batch statistics, CTC, backward. Accumulates
    // gradients into params() (call zeroGrad first). Infeasible samples (label too long)
    // contribute nothing and are reported in the result. intoConvs: as in backward().
    ctc::CtcBatchResult forwardBackward(const nn::Tensor4& images,
                                        const std::vector<std::vector<int>>& labels,
                                        ctc::CtcReduction reduction, CrnnWorkspace& ws,
                                        bool intoConvs = true);

    // Training forward alone (batch statistics, running stats updated), for tests.
    void forwardTrain(const nn::Tensor4& images, CrnnWorkspace& ws);
    // Backward from dLogProbs (T, N, C) after forwardTrain; dImages optional.
    // intoConvs false: stops after the LSTMs (frozen convolutions get no gradient).
    void backward(const nn::Seq& dLogProbs, CrnnWorkspace& ws, nn::Tensor4* dImages = nullptr,
                  bool intoConvs = true);

    // Every conv kernel (unfolded weights), for the filter views: block b -> (cout, cin, k, k).
    const nn::Conv2d& conv(int block) const { return m_convs[std::size_t(block)]; }
    const nn::BatchNorm2d* batchNorm(int block) const;
    // The trained BiLSTM layer l and the final linear layer (exporters read them).
    const nn::BiLstm& lstm(int layer) const { return m_rnns[std::size_t(layer)]; }
    const nn::Linear& fc() const { return m_fc; }

private:
    // The inference convolutions (batch norm folded in, Winograd weights prepared) and
    // LSTMs (weights prepared for the engine's own GEMM). A copy starts empty (it is
    // rebuilt on first use).
    struct FoldedConvs
    {
        FoldedConvs() = default;
        FoldedConvs(const FoldedConvs&) { }
        FoldedConvs& operator=(const FoldedConvs&)
        {
            convs.clear();
            rnns.clear();
            version.store(0, std::memory_order_relaxed);
            return *this;
        }
        std::mutex mutex;  // held while rebuilding
        std::atomic<std::uint64_t> version{
            0};  // the parameterVersion() they were built from; 0: none
        std::vector<nn::Conv2d> convs;
        std::vector<nn::BiLstm> rnns;
    };

    void build();
    template<typename Net>
    static auto parameterList(Net& net);
    template<typename Net>
    static auto bufferList(Net& net);
    void touch() { m_version = nn::nextVersion(); }
    // The newest change stamp among what the folded convolutions are built from.
    std::uint64_t parameterVersion() const;
    // The folded convolutions of the current parameters, rebuilt first if stale.
    const std::vector<nn::Conv2d>& foldedConvs() const;
    // Shared forward. trainBns non-null: training mode with these batch norms (the
    // caller's own, non-const); null: inference with the folded convolutions.
    // Returns false when cancelled.
    bool forwardCore(const nn::Tensor4& images, CrnnWorkspace& ws,
                     std::vector<nn::BatchNorm2d>* trainBns, Probe* probe,
                     const std::atomic_bool* cancel = nullptr) const;

    // The input of conv block b (b == number of blocks: the last map) after a forward:
    // blockIn[b], or act[b - 1] itself where the pool between them is the identity.
    const nn::Tensor4& blockInput(const CrnnWorkspace& ws, std::size_t b) const;

    CrnnSpec m_spec;
    std::vector<nn::Conv2d> m_convs;
    std::vector<nn::BatchNorm2d> m_bns;  // one per conv block; used only where spec says so
    std::vector<nn::MaxPool2d> m_pools;
    std::vector<nn::BiLstm> m_rnns;
    nn::Linear m_fc;
    std::uint64_t m_version =
        nn::nextVersion();  // the last change of buffers or through the accessors
    mutable FoldedConvs m_folded;
};

// Input tensor for a batch of line images (each H x W_i, row-major, ink = 1), padded
// to the widest; the width of each is kept.
nn::Tensor4 makeImageBatch(const std::vector<const float*>& pixels, const std::vector<int>& widths,
                           int height);

}  // namespace inklens::model
