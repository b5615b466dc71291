#include "ctc/char_lm.h"

#include "nn/param.h"
#include "nn/tensor.h"

#include <algorithm>
#include <cmath>

namespace inklens::ctc {

std::uint64_t CharNgramLm::key(const int* symbols, int length)
{
    INKLENS_ASSERT(length >= 0 && length <= kMaxOrder);
    std::uint64_t k = std::uint64_t(length) << 56;
    for (int i = 0; i < length; ++i)
        k |= std::uint64_t(symbols[i] & 0xff) << (8 * i);
    return k;
}

void CharNgramLm::buildIndex()
{
    std::size_t capacity = 16;
    while (capacity < 2 * (m_a.size() + m_gamma.size()))
        capacity *= 2;
    m_index.assign(capacity, Slot{kEmpty, -1.f, -1.f});
    m_mask = capacity - 1;
    auto slot = [&](std::uint64_t key) -> Slot& {
        for (std::uint64_t i = nn::splitmix64(key) & m_mask;; i = (i + 1) & m_mask)
            if (m_index[i].key == key || m_index[i].key == kEmpty) {
                m_index[i].key = key;
                return m_index[i];
            }
    };
    for (const auto& [k, v] : m_a)
        slot(k).a = v;
    for (const auto& [k, v] : m_gamma)
        slot(k).gamma = v;
}

const CharNgramLm::Slot* CharNgramLm::find(std::uint64_t key) const
{
    for (std::uint64_t i = nn::splitmix64(key) & m_mask;; i = (i + 1) & m_mask) {
        const Slot& s = m_index[i];
        if (s.key == key)
            return &s;
        if (s.key == kEmpty)
            return nullptr;
    }
}

CharNgramLm::Builder::Builder(int numLabels, Options options)
    : m_numLabels(numLabels), m_options(options)
{
    if (options.order < 1 || options.order > kMaxOrder)
        throw nn::EngineError("character language model: order " + std::to_string(options.order)
                              + " is outside [1, " + std::to_string(kMaxOrder) + "]");
    if (numLabels < 2 || numLabels > 256)
        throw nn::EngineError("character language model: " + std::to_string(numLabels)
                              + " labels (2..256 supported)");
}

void CharNgramLm::Builder::count(const std::vector<int>& seq, std::size_t firstPredicted,
                                 double weight)
{
    const int n = m_options.order;
    for (std::size_t i = firstPredicted; i < seq.size(); ++i) {
        // n-grams ending at i: lengths 1..n, as far back as the sequence goes
        for (int len = 1; len <= n && std::size_t(len) <= i + 1; ++len)
            m_counts[key(&seq[i + 1 - std::size_t(len)], len)] += weight;
    }
}

void CharNgramLm::Builder::addLine(const std::vector<int>& labels, double weight)
{
    std::vector<int> seq;
    seq.reserve(labels.size() + 2);
    seq.push_back(0);
    for (int l : labels) {
        if (l < 1 || l >= m_numLabels)
            throw nn::EngineError("character language model: label " + std::to_string(l)
                                  + " out of range");
        seq.push_back(l);
    }
    seq.push_back(0);
    if (weight > 0)
        count(seq, 1, weight);
}

void CharNgramLm::Builder::addWord(const std::vector<int>& labels, int separator, double weight)
{
    std::vector<int> seq;
    seq.reserve(labels.size() + 2);
    seq.push_back(separator);
    for (int l : labels) {
        if (l < 1 || l >= m_numLabels)
            throw nn::EngineError("character language model: label " + std::to_string(l)
                                  + " out of range");
        seq.push_back(l);
    }
    seq.push_back(separator);
    if (weight > 0 && !labels.empty())
        count(seq, 1, weight);
}

CharNgramLm CharNgramLm::Builder::finish() const
{
    // Prune, then compute C(h) and N1(h) from what is kept.
    std::unordered_map<std::uint64_t, double> counts;
    counts.reserve(m_counts.size());
    for (const auto& [k, c] : m_counts)
        if (c > 0 && (keyLength(k) < 3 || c >= m_options.minCount))
            counts.emplace(k, c);
    struct Ctx
    {
        double total = 0;
        int distinct = 0;
    };
    std::unordered_map<std::uint64_t, Ctx> ctx;
    for (const auto& [k, c] : counts) {
        const int len = keyLength(k);
        const std::uint64_t h = (std::uint64_t(len - 1) << 56)
                                | (k & ((std::uint64_t(1) << (8 * (len - 1))) - 1));
        auto& x = ctx[h];
        x.total += c;
        x.distinct += 1;
    }
    CharNgramLm lm;
    lm.m_order = m_options.order;
    lm.m_numLabels = m_numLabels;
    lm.m_a.reserve(counts.size());
    for (const auto& [k, c] : counts) {
        const int len = keyLength(k);
        const std::uint64_t h = (std::uint64_t(len - 1) << 56)
                                | (k & ((std::uint64_t(1) << (8 * (len - 1))) - 1));
        const Ctx& x = ctx.at(h);
        lm.m_a.emplace(k, float(c / (x.total + x.distinct)));
    }
    lm.m_gamma.reserve(ctx.size());
    for (const auto& [h, x] : ctx)
        lm.m_gamma.emplace(h, float(double(x.distinct) / (x.total + x.distinct)));
    lm.buildIndex();
    return lm;
}

double CharNgramLm::logProb(const int* history, int historyLength, int symbol) const
{
    INKLENS_ASSERT(m_order > 0 && symbol >= 0 && symbol < m_numLabels);
    const int h = std::min(historyLength, m_order - 1);
    const int* hist = history + (historyLength - h);
    // The sequence (history tail, symbol), oldest first; P from the shortest context up.
    int seq[kMaxOrder];
    std::copy(hist, hist + h, seq);
    seq[h] = symbol;
    double p = 1.0 / m_numLabels;
    for (int len = 0; len <= h; ++len) {
        const int* ctxStart = seq + (h - len);
        const Slot* g = find(key(ctxStart, len));
        if (!g || g->gamma < 0)
            break;  // an unseen context: longer ones are unseen too
        const Slot* a = find(key(ctxStart, len + 1));
        p = (a && a->a >= 0 ? double(a->a) : 0.0) + double(g->gamma) * p;
    }
    return std::log(p);
}

double CharNgramLm::lineLogProb(const std::vector<int>& labels) const
{
    std::vector<int> seq;
    seq.push_back(0);
    seq.insert(seq.end(), labels.begin(), labels.end());
    seq.push_back(0);
    double sum = 0;
    for (std::size_t i = 1; i < seq.size(); ++i)
        sum += logProb(seq.data(), int(i), seq[i]);
    return sum;
}

CharNgramLm CharNgramLm::fromTables(int order, int numLabels,
                                    std::unordered_map<std::uint64_t, float> a,
                                    std::unordered_map<std::uint64_t, float> gamma)
{
    if (order < 1 || order > kMaxOrder)
        throw nn::EngineError("character language model: order " + std::to_string(order)
                              + " is outside [1, " + std::to_string(kMaxOrder) + "]");
    if (numLabels < 2 || numLabels > 256)
        throw nn::EngineError("character language model: " + std::to_string(numLabels)
                              + " labels (2..256 supported)");
    auto check = [&](const std::unordered_map<std::uint64_t, float>& table, int minLen, int maxLen,
                     const char* what) {
        for (const auto& [k, v] : table) {
            const int len = keyLength(k);
            if (len < minLen || len > maxLen)
                throw nn::EngineError(std::string("character language model: ") + what
                                      + " of length " + std::to_string(len)
                                      + " in a model of order " + std::to_string(order));
            for (int i = 0; i < len; ++i)
                if (keySymbol(k, i) >= numLabels)
                    throw nn::EngineError(std::string("character language model: ") + what
                                          + " holds symbol " + std::to_string(keySymbol(k, i))
                                          + ", outside [0, " + std::to_string(numLabels) + ")");
            if ((k & ~((std::uint64_t(0xff) << 56) | ((std::uint64_t(1) << (8 * len)) - 1))) != 0
                || len > 7)
                throw nn::EngineError(std::string("character language model: malformed ") + what
                                      + " key");
            if (!(v >= 0.f && v <= 1.f))
                throw nn::EngineError(std::string("character language model: ") + what + " value "
                                      + std::to_string(v) + " is not a probability");
        }
    };
    check(a, 1, order, "n-gram");
    check(gamma, 0, order - 1, "context");
    if (gamma.find(key(nullptr, 0)) == gamma.end())
        throw nn::EngineError("character language model: no unigram statistics (empty model)");
    CharNgramLm lm;
    lm.m_order = order;
    lm.m_numLabels = numLabels;
    lm.m_a = std::move(a);
    lm.m_gamma = std::move(gamma);
    lm.buildIndex();
    return lm;
}

CharNgramLm CharNgramLm::interpolate(const CharNgramLm& x, const CharNgramLm& y, double w)
{
    INKLENS_ASSERT(x.m_numLabels == y.m_numLabels && w >= 0 && w <= 1);
    CharNgramLm lm = x;
    lm.m_order = std::max(x.m_order, y.m_order);
    // Contexts y saw: mixed (x's unseen ones count as a = 0, gamma = 1); the others keep x.
    for (const auto& [h, gy] : y.m_gamma) {
        const auto gx = x.m_gamma.find(h);
        lm.m_gamma[h] = float((1 - w) * (gx == x.m_gamma.end() ? 1.0 : double(gx->second))
                              + w * double(gy));
    }
    for (auto& [k, a] : lm.m_a) {
        const int len = keyLength(k);
        const std::uint64_t h = (std::uint64_t(len - 1) << 56)
                                | (k & ((std::uint64_t(1) << (8 * (len - 1))) - 1));
        if (y.m_gamma.count(h))
            a = float((1 - w) * double(a));
    }
    for (const auto& [k, ay] : y.m_a)
        lm.m_a[k] += float(w * double(ay));
    lm.buildIndex();
    return lm;
}

}  // namespace inklens::ctc
