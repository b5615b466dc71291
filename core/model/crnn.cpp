#include "crnn.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <type_traits>

namespace inklens::model {

using namespace inklens::nn;

Crnn::Crnn(CrnnSpec spec) : m_spec(std::move(spec))
{
    m_spec.validate();
    build();
}

Crnn::Crnn(const Crnn& other) = default;

Crnn Crnn::withInputHeight(int height) const
{
    CrnnSpec spec = m_spec;
    spec.inputHeight = height;
    spec.validate();
    if (spec.features() != m_spec.features())
        throw nn::EngineError(
            "input height " + std::to_string(height) + " gives " + std::to_string(spec.features())
            + " features per column, the model's LSTM reads " + std::to_string(m_spec.features()));
    Crnn out(spec);
    const auto from = params();
    const auto to = out.params();
    for (std::size_t i = 0; i < to.size(); ++i)
        to[i]->value = from[i]->value;
    const auto fromBuffers = buffers();
    const auto toBuffers = out.buffers();
    for (std::size_t i = 0; i < toBuffers.size(); ++i)
        *toBuffers[i].second = *fromBuffers[i].second;
    return out;
}
Crnn& Crnn::operator=(const Crnn& other) = default;

void Crnn::build()
{
    int cin = 1;
    for (std::size_t b = 0; b < m_spec.convs.size(); ++b) {
        const auto& c = m_spec.convs[b];
        m_convs.emplace_back(cin, c.channels, c.kernel, "conv" + std::to_string(b));
        m_bns.emplace_back(c.channels, "bn" + std::to_string(b));
        MaxPool2d pool;
        pool.kh = c.poolH;
        pool.kw = c.poolW;
        m_pools.push_back(pool);
        cin = c.channels;
    }
    int in = m_spec.features();
    for (std::size_t l = 0; l < m_spec.lstmHidden.size(); ++l) {
        m_rnns.emplace_back(in, m_spec.lstmHidden[l], "lstm" + std::to_string(l));
        in = 2 * m_spec.lstmHidden[l];
    }
    m_fc = Linear(in, m_spec.numClasses, "fc");
}

// The parameters of net in their fixed order, as Param* or const Param* after net's constness.
template<typename Net>
auto Crnn::parameterList(Net& net)
{
    using P = std::conditional_t<std::is_const_v<Net>, const Param, Param>;
    std::vector<P*> out;
    for (std::size_t b = 0; b < net.m_convs.size(); ++b) {
        out.push_back(&net.m_convs[b].weight);
        out.push_back(&net.m_convs[b].bias);
        if (net.m_spec.convs[b].batchNorm) {
            out.push_back(&net.m_bns[b].weight);
            out.push_back(&net.m_bns[b].bias);
        }
    }
    for (auto& r : net.m_rnns)
        for (auto* d : {&r.fwd, &r.bwd})
            for (P* p : {&d->wih, &d->whh, &d->bih, &d->bhh})
                out.push_back(p);
    out.push_back(&net.m_fc.weight);
    out.push_back(&net.m_fc.bias);
    return out;
}

template<typename Net>
auto Crnn::bufferList(Net& net)
{
    using V = std::conditional_t<std::is_const_v<Net>, const Vec, Vec>;
    std::vector<std::pair<std::string, V*>> out;
    for (std::size_t b = 0; b < net.m_bns.size(); ++b)
        if (net.m_spec.convs[b].batchNorm) {
            const std::string n = "bn" + std::to_string(b);
            out.emplace_back(n + ".running_mean", &net.m_bns[b].runningMean);
            out.emplace_back(n + ".running_var", &net.m_bns[b].runningVar);
        }
    return out;
}

void Crnn::initialize(std::uint64_t seed)
{
    Rng rng(seed);
    for (auto& c : m_convs)
        c.initDefault(rng);
    for (auto& b : m_bns)
        b.initDefault();
    for (auto& r : m_rnns)
        r.initDefault(rng);
    m_fc.initDefault(rng);
    touch();
}

std::vector<Param*> Crnn::params()
{
    touch();
    return parameterList(*this);
}

std::vector<const Param*> Crnn::params() const
{
    return parameterList(*this);
}

std::size_t Crnn::parameterCount() const
{
    std::size_t n = 0;
    for (const Param* p : params())
        n += std::size_t(p->numel());
    return n;
}

std::vector<std::pair<std::string, Vec*>> Crnn::buffers()
{
    touch();
    return bufferList(*this);
}

std::vector<std::pair<std::string, const Vec*>> Crnn::buffers() const
{
    return bufferList(*this);
}

const BatchNorm2d* Crnn::batchNorm(int block) const
{
    return m_spec.convs[std::size_t(block)].batchNorm ? &m_bns[std::size_t(block)] : nullptr;
}

std::uint64_t Crnn::parameterVersion() const
{
    std::uint64_t v = m_version;
    for (std::size_t b = 0; b < m_convs.size(); ++b)
        for (const Param* p :
             {&m_convs[b].weight, &m_convs[b].bias, &m_bns[b].weight, &m_bns[b].bias})
            v = std::max(v, p->version);
    for (const BiLstm& r : m_rnns)
        for (const Lstm* l : {&r.fwd, &r.bwd})
            for (const Param* p : {&l->wih, &l->whh, &l->bih, &l->bhh})
                v = std::max(v, p->version);
    return v;
}

const std::vector<Conv2d>& Crnn::foldedConvs() const
{
    // Every change takes a fresh, larger stamp, so a changed model has a newer version.
    // Changes never run concurrently with forward() (non-const), so once the version
    // matches, the convolutions stay as they are while any thread reads them.
    const std::uint64_t version = parameterVersion();
    if (m_folded.version.load(std::memory_order_acquire) != version) {
        std::lock_guard<std::mutex> lock(m_folded.mutex);
        if (m_folded.version.load(std::memory_order_relaxed) != version) {
            m_folded.convs.clear();
            for (std::size_t b = 0; b < m_convs.size(); ++b)
                m_folded.convs.push_back(
                    m_spec.convs[b].batchNorm ? foldBatchNorm(m_convs[b], m_bns[b]) : m_convs[b]);
            int height = m_spec.inputHeight;  // of each block's input
            for (std::size_t b = 0; b < m_folded.convs.size(); ++b) {
                m_folded.convs[b].prepareInference(height);
                height /= m_spec.convs[b].poolH;
            }
            m_folded.rnns = m_rnns;
            for (auto& r : m_folded.rnns)
                r.prepareInference();
            m_folded.version.store(version, std::memory_order_release);
        }
    }
    return m_folded.convs;
}

bool Crnn::forwardCore(const Tensor4& images, CrnnWorkspace& ws, std::vector<BatchNorm2d>* trainBns,
                       Probe* probe, const std::atomic_bool* cancel) const
{
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    INKLENS_ASSERT(images.c == 1 && images.h == m_spec.inputHeight);
    const std::size_t nb = m_convs.size(), nl = m_rnns.size();
    const bool training = trainBns != nullptr;
    ws.blockIn.resize(nb + 1);
    ws.act.resize(nb);
    ws.bn.resize(nb);
    ws.pool.resize(nb);
    ws.seq.resize(nl + 1);
    ws.rnn.resize(nl);
    if (probe) {
        probe->convMaps.resize(nb);
        probe->lstmForward.resize(nl);
        probe->lstmBackward.resize(nl);
    }
    const std::vector<Conv2d>* folded = training ? nullptr : &foldedConvs();
    const Tensor4* x = &images;
    if (training) {  // backward needs the input of the first convolution
        ws.blockIn[0] = images;
        x = &ws.blockIn[0];
    }
    for (std::size_t b = 0; b < nb; ++b) {
        Tensor4& y = ws.act[b];
        if (training && m_spec.convs[b].batchNorm) {
            m_convs[b].forward(*x, y);
            (*trainBns)[b].forward(y, true, &ws.bn[b]);
            activationForward(y, m_spec.activation);
            y.maskPadding();
        } else if (training) {  // bias and activation in one pass
            m_convs[b].forward(*x, y, &m_spec.activation);
        } else {
            (*folded)[b].forward(*x, y, &m_spec.activation);  // bias and activation in one pass
        }
        if (probe)
            probe->convMaps[b] = y;
        if (m_pools[b].identity()) {
            x = &y;  // the next block reads act[b] itself (blockInput)
        } else {
            m_pools[b].forward(y, ws.blockIn[b + 1], training ? &ws.pool[b] : nullptr);
            x = &ws.blockIn[b + 1];
        }
        if (cancelled())
            return false;
    }
    mapToSeq(*x, ws.seq[0]);
    for (std::size_t l = 0; l < nl; ++l) {
        (training ? m_rnns : m_folded.rnns)[l].forward(ws.seq[l], ws.seq[l + 1], ws.rnn[l]);
        if (probe) {
            probe->lstmForward[l] = ws.rnn[l].hf;
            probe->lstmBackward[l] = ws.rnn[l].hb;
        }
        if (cancelled())
            return false;
    }
    m_fc.forward(ws.seq[nl], ws.logits);
    logSoftmaxForward(ws.logits, ws.logProbs);
    if (probe)
        probe->logProbs = ws.logProbs;
    return true;
}

void Crnn::forward(const Tensor4& images, Seq& logProbs, CrnnWorkspace& ws, Probe* probe,
                   const std::atomic_bool* cancel) const
{
    // One line: a second thread costs more in synchronization than it saves (measured in
    // bench/README.md), and it would compete with the GUI and a training job.
    std::optional<ScopedThreadLimit> single;
    if (images.n == 1)
        single.emplace(1);
    if (forwardCore(images, ws, nullptr, probe, cancel))
        logProbs = ws.logProbs;
    else
        logProbs = Seq();
}

void Crnn::forwardTrain(const Tensor4& images, CrnnWorkspace& ws)
{
    touch();  // the running statistics change
    forwardCore(images, ws, &m_bns, nullptr);
}

const Tensor4& Crnn::blockInput(const CrnnWorkspace& ws, std::size_t b) const
{
    return b > 0 && m_pools[b - 1].identity() ? ws.act[b - 1] : ws.blockIn[b];
}

void Crnn::backward(const Seq& dLogProbs, CrnnWorkspace& ws, Tensor4* dImages, bool intoConvs)
{
    const std::size_t nb = m_convs.size(), nl = m_rnns.size();
    logSoftmaxBackward(ws.logProbs, dLogProbs, ws.dLogits);
    Seq* dIn = &ws.dSeqA;
    Seq* dOther = &ws.dSeqB;
    m_fc.backward(ws.seq[nl], ws.dLogits, dIn);
    for (std::size_t l = nl; l-- > 0;) {
        m_rnns[l].backward(ws.seq[l], *dIn, ws.rnn[l], dOther);
        std::swap(dIn, dOther);
    }
    if (!intoConvs)
        return;
    // dIn: gradient w.r.t. the columns of the last map.
    const Tensor4& last = blockInput(ws, nb);
    Tensor4* dMap = &ws.dMapA;
    Tensor4* dTmp = &ws.dMapB;
    seqToMap(*dIn, *dMap, last.c, last.h);
    for (std::size_t b = nb; b-- > 0;) {
        const Tensor4& y = ws.act[b];
        // through the pool: dMap (pooled) -> dTmp (block activation shape)
        if (m_pools[b].identity())
            std::swap(dMap, dTmp);
        else
            m_pools[b].backward(*dMap, ws.pool[b], *dTmp, y.h, y.w);
        dTmp->widths = y.widths;
        activationBackward(y, *dTmp, m_spec.activation);
        dTmp->maskPadding();
        if (m_spec.convs[b].batchNorm)
            m_bns[b].backward(*dTmp, ws.bn[b]);
        // blockIn[0] holds a copy of the images in training mode
        m_convs[b].backward(blockInput(ws, b), *dTmp, b > 0 ? dMap : dImages);
    }
}

ctc::CtcBatchResult Crnn::forwardBackward(const Tensor4& images,
                                          const std::vector<std::vector<int>>& labels,
                                          ctc::CtcReduction reduction, CrnnWorkspace& ws,
                                          bool intoConvs)
{
    forwardTrain(images, ws);
    auto result = ctc::ctcLossBatch(ws.logProbs, labels, reduction, &ws.dLogProbs);
    backward(ws.dLogProbs, ws, nullptr, intoConvs);
    return result;
}

Tensor4 makeImageBatch(const std::vector<const float*>& pixels, const std::vector<int>& widths,
                       int height)
{
    INKLENS_ASSERT(pixels.size() == widths.size());
    const int n = int(pixels.size());
    const int w = widths.empty() ? 0 : *std::max_element(widths.begin(), widths.end());
    Tensor4 t(n, 1, height, w);
    t.setZero();
    t.widths = widths;
    for (int i = 0; i < n; ++i)
        for (int y = 0; y < height; ++y)
            std::memcpy(t.plane(i, 0) + std::size_t(y) * w,
                        pixels[std::size_t(i)] + std::size_t(y) * widths[std::size_t(i)],
                        sizeof(float) * std::size_t(widths[std::size_t(i)]));
    return t;
}

}  // namespace inklens::model
