#include "engine_bench.h"

#include "model/crnn.h"
#include "nn/kernels.h"
#include "nn/optim.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

namespace inklens::bench {

using namespace inklens::nn;
using inklens::model::Crnn;
using inklens::model::CrnnSpec;
using inklens::model::CrnnWorkspace;

namespace {

struct Options
{
    std::string mode = "infer";
    int batch = 1, width = 128, threads = 1, iters = 20, warmup = 5, targetLen = 0;
    bool crnnRef = false;
    bool json = false;          // only the JSON line (kernels included), no text
    bool asUnknownCpu = false;  // as on a CPU OpenBLAS does not know (nn::chooseAsOnUnknownCpu)
    std::string check;          // reference folder of save_reference.py
};

void usage()
{
    std::fprintf(
        stderr,
        "usage: inklens bench --crnn-ref [--mode infer|train] [--batch N] [--width W]\n"
        "                     [--threads T] [--iters I] [--warmup K] [--target-len L] [--json]\n"
        "                     [--as-unknown-cpu]   (as on a CPU OpenBLAS does not know)\n"
        "       inklens bench --check REFERENCE_DIR   (compare with PyTorch's crnn-ref outputs)\n");
}

std::vector<float> readFloats(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw EngineError("cannot read " + path);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<float> out(bytes.size() / 4);
    std::memcpy(out.data(), bytes.data(), out.size() * 4);
    return out;
}

// Load crnn-ref weights: PyTorch names (cnn.0.weight, rnn1.weight_ih_l0_reverse, fc.weight)
// mapped onto ours (conv0.weight, lstm0.bwd.weight_ih, fc.weight).
void loadReferenceWeights(Crnn& net, const std::string& dir)
{
    std::ifstream mf(dir + "/manifest.json");
    if (!mf)
        throw EngineError("cannot read " + dir + "/manifest.json");
    const auto manifest = nlohmann::json::parse(mf);
    const auto weights = readFloats(dir + "/weights.bin");
    std::map<std::string, std::string> names;
    const int convIndex[] = {0, 3, 6, 8, 11};  // cnn.N of each conv in nn.Sequential
    for (int b = 0; b < 5; ++b)
        for (const char* s : {"weight", "bias"})
            names["cnn." + std::to_string(convIndex[b]) + "." + s] = "conv" + std::to_string(b)
                                                                     + "." + s;
    for (int l = 0; l < 2; ++l)
        for (const char* s : {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}) {
            const std::string t = "rnn" + std::to_string(l + 1) + "." + s + "_l0";
            names[t] = "lstm" + std::to_string(l) + ".fwd." + s;
            names[t + "_reverse"] = "lstm" + std::to_string(l) + ".bwd." + s;
        }
    names["fc.weight"] = "fc.weight";
    names["fc.bias"] = "fc.bias";
    std::map<std::string, Param*> ours;
    for (Param* p : net.params())
        ours[p->name] = p;
    std::size_t loaded = 0;
    for (const auto& e : manifest) {
        const std::string name = e.at("name");
        auto it = names.find(name);
        if (it == names.end() || !ours.count(it->second))
            throw EngineError("unexpected reference tensor " + name);
        Param* p = ours[it->second];
        const std::size_t off = e.at("offset"), n = e.at("numel");
        if (Eigen::Index(n) != p->numel() || off + n > weights.size())
            throw EngineError("size mismatch for " + name);
        p->value = Eigen::Map<const Vec>(weights.data() + off, Eigen::Index(n));
        ++loaded;
    }
    if (loaded != ours.size())
        throw EngineError("reference has " + std::to_string(loaded) + " tensors, the model "
                          + std::to_string(ours.size()));
}

int runCheck(const std::string& dir)
{
    Crnn net(CrnnSpec::crnnRef());
    loadReferenceWeights(net, dir);
    CrnnWorkspace ws;
    double worst = 0;
    for (auto [n, w] : {std::pair{1, 128}, {1, 512}, {32, 128}}) {
        const std::string tag = "_b" + std::to_string(n) + "_w" + std::to_string(w) + ".bin";
        const auto x = readFloats(dir + "/x" + tag), y = readFloats(dir + "/y" + tag);
        Tensor4 in(n, 1, 32, w);
        std::copy(x.begin(), x.end(), in.data.data());
        Seq out;
        net.forward(in, out, ws);
        // PyTorch: T x N x 80 time-major, as our Seq
        double maxDiff = 0;
        for (Eigen::Index i = 0; i < out.data.size(); ++i)
            maxDiff = std::max(maxDiff, double(std::abs(out.data.data()[i] - y[std::size_t(i)])));
        std::printf(
            "crnn-ref batch %2d width %3d: max |ours - PyTorch| = %.3g over %zu log-probs\n", n, w,
            maxDiff, y.size());
        worst = std::max(worst, maxDiff);
    }
    std::printf("%s (tolerance 1e-4)\n", worst <= 1e-4 ? "MATCH" : "MISMATCH");
    return worst <= 1e-4 ? 0 : 1;
}

}  // namespace

int benchMain(const std::vector<std::string>& args)
{
    Options o;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            auto next = [&]() -> std::string {
                if (i + 1 >= args.size())
                    throw std::invalid_argument(a + " needs a value");
                return args[++i];
            };
            if (a == "--crnn-ref")
                o.crnnRef = true;
            else if (a == "--mode")
                o.mode = next();
            else if (a == "--batch")
                o.batch = std::stoi(next());
            else if (a == "--width")
                o.width = std::stoi(next());
            else if (a == "--threads")
                o.threads = std::stoi(next());
            else if (a == "--iters")
                o.iters = std::stoi(next());
            else if (a == "--warmup")
                o.warmup = std::stoi(next());
            else if (a == "--target-len")
                o.targetLen = std::stoi(next());
            else if (a == "--json")
                o.json = true;
            else if (a == "--as-unknown-cpu")
                o.asUnknownCpu = true;
            else if (a == "--check")
                o.check = next();
            else if (a == "-h" || a == "--help") {
                usage();
                return 0;
            } else
                throw std::invalid_argument("unknown option " + a);
        }
        if (o.mode != "infer" && o.mode != "train")
            throw std::invalid_argument("--mode must be infer or train");
        if (o.batch < 1 || o.width < 8 || o.iters < 1 || o.threads < 0)
            throw std::invalid_argument("batch, width, iters out of range");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "inklens bench: %s\n", e.what());
        usage();
        return 2;
    }
    if (o.asUnknownCpu && !chooseAsOnUnknownCpu()) {
        std::fprintf(stderr, "inklens bench: --as-unknown-cpu needs a DYNAMIC_ARCH OpenBLAS\n");
        return 2;
    }
    setNumThreads(o.threads);
    try {
        if (!o.check.empty()) {
            std::printf("%s\n", kernelInfo().text().c_str());
            return runCheck(o.check);
        }
        if (!o.crnnRef) {
            usage();
            return 2;
        }
        Crnn net(CrnnSpec::crnnRef());
        net.initialize(0);
        Rng rng(1);
        Tensor4 x(o.batch, 1, 32, o.width);
        for (Eigen::Index i = 0; i < Eigen::Index(x.size()); ++i)
            x.data[i] = rng.uniform();
        const int frames = CrnnSpec::crnnRef().framesFor(o.width);
        const int targetLen = o.targetLen > 0 ? o.targetLen : (o.width <= 128 ? 8 : 30);
        std::vector<std::vector<int>> labels(std::size_t(o.batch));
        for (auto& l : labels)
            for (int k = 0; k < std::min(targetLen, frames / 2); ++k)
                l.push_back(1 + rng.below(79));
        CrnnWorkspace ws;
        Seq out;
        Adam adam(net.params(), AdamOptions{});
        auto iteration = [&] {
            if (o.mode == "infer") {
                net.forward(x, out, ws);
            } else {
                adam.zeroGrad();
                net.forwardBackward(x, labels, ctc::CtcReduction::Mean, ws);
                adam.step();
            }
        };
        for (int i = 0; i < o.warmup; ++i)
            iteration();
        std::vector<double> times;
        for (int i = 0; i < o.iters; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            iteration();
            times.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count());
        }
        const KernelInfo kernels = kernelInfo();
        std::vector<double> sorted = times;
        std::sort(sorted.begin(), sorted.end());
        const double median = sorted[sorted.size() / 2];
        if (!o.json)  // text first; the JSON line stays last (run_all.py reads the last one)
            std::printf("%s\ncrnn-ref %s, batch %d, width %d, threads %d: median %.3f ms "
                        "(min %.3f, max %.3f) over %d iterations\n",
                        kernels.text().c_str(), o.mode.c_str(), o.batch, o.width, numThreads(),
                        median, sorted.front(), sorted.back(), o.iters);
        const nlohmann::json line = {
            {"engine", "inklens"},
            {"mode", o.mode},
            {"batch", o.batch},
            {"width", o.width},
            {"threads", numThreads()},
            {"median_ms", median},
            {"times_ms", times},
            {"kernels",
             {{"cpu", kernels.cpu},
              {"features", kernels.features},
              {"gemm", kernels.gemm},
              {"gemm_core", kernels.gemmCore},
              {"gemm_vector_bits", kernels.gemmVectorBits},
              {"eigen", kernels.eigen},
              {"convolution", kernels.convolution},
              {"build", kernels.nativeBuild ? "native" : "portable"},
              {"engine_level", kernels.engineLevel},
              {"threads", kernels.threads}}},
        };
        std::cout << line.dump() << std::endl;
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "inklens bench: %s\n", e.what());
        return 1;
    }
}

}  // namespace inklens::bench
