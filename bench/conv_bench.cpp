// The Winograd tiles on the 3x3 convolutions of the presets (issue #12): time per call of
// winogradConvSamplePacked at batch 1, one thread, for F(2x2), F(2x4) and F(4x4), to
// choose the tile per layer (winogradTileFor) by measurement.
//   inklens_conv_bench [--reps N] [--width W]
// Prints per layer shape the median of N calls in microseconds for each tile.
#include "nn/conv_kernels.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

using namespace inklens::nn;

namespace {

double medianMicros(int reps, const auto& call)
{
    std::vector<double> t;
    call();  // warm the scratch buffers
    for (int r = 0; r < reps; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        call();
        t.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0)
                        .count());
    }
    std::nth_element(t.begin(), t.begin() + reps / 2, t.end());
    return t[std::size_t(reps / 2)];
}

}  // namespace

int main(int argc, char** argv)
{
    int reps = 51, width = 512;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--reps"))
            reps = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--width"))
            width = std::max(1, std::atoi(argv[i + 1]));
    }
    // The Winograd convolutions of crnn-ref / line32 (input height 32) and line40: cin, cout,
    // height, width as a fraction of the line's width (pools 2x2, 2x2, 1x1, 2x1).
    struct Layer
    {
        const char* name;
        int cin, cout, h, widthDiv;
    };
    const Layer layers[] = {{"h32 conv2", 32, 64, 16, 2},   {"h32 conv3", 64, 128, 8, 4},
                            {"h32 conv4", 128, 128, 8, 4},  {"h32 conv5", 128, 256, 4, 4},
                            {"h40 conv2", 32, 64, 20, 2},   {"h40 conv3", 64, 128, 10, 4},
                            {"h40 conv4", 128, 128, 10, 4}, {"h40 conv5", 128, 256, 5, 4},
                            {"h=2", 128, 256, 2, 4},        {"h=1", 128, 256, 1, 4}};
    const std::pair<WinogradTile, const char*> tiles[] = {{WinogradTile::F2x2, "F(2x2)"},
                                                          {WinogradTile::F2x4, "F(2x4)"},
                                                          {WinogradTile::F4x4, "F(4x4)"}};
    std::printf("line width %d, median of %d calls, microseconds\n%-10s %5s %5s %4s %5s", width,
                reps, "layer", "cin", "cout", "h", "w");
    for (const auto& t : tiles)
        std::printf(" %9s", t.second);
    std::printf("  chosen\n");
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    for (const Layer& l : layers) {
        const int w = std::max(1, width / l.widthDiv);
        std::vector<float> x(std::size_t(l.cin) * l.h * w), weight(std::size_t(l.cout) * l.cin * 9),
            bias(std::size_t(l.cout)), y(std::size_t(l.cout) * l.h * w);
        for (auto* v : {&x, &weight, &bias})
            for (float& f : *v)
                f = u(rng);
        std::printf("%-10s %5d %5d %4d %5d", l.name, l.cin, l.cout, l.h, w);
        const Activation relu = Activation::ReLU;
        for (const auto& t : tiles) {
            std::vector<float> packed(winogradPackedSize(l.cout, l.cin, t.first));
            winogradPackWeights(packed.data(), weight.data(), l.cout, l.cin, t.first);
            std::printf(" %9.1f", medianMicros(reps, [&] {
                            winogradConvSamplePacked(y.data(), x.data(), l.cin, l.h, w,
                                                     packed.data(), bias.data(), l.cout, &relu,
                                                     t.first);
                        }));
        }
        const WinogradTile chosen = winogradTileFor(l.h, w);
        for (const auto& t : tiles)
            if (t.first == chosen)
                std::printf("  %s\n", t.second);
    }
    return 0;
}
