#pragma once
// Models and ink for the service and window tests: a tiny random model (fast, reads
// nothing sensible: for plumbing), a deliberately slow one (for newest-wins, cancel and
// event-loop latency), and synthetic ink.

#include "imaging/ink.h"
#include "model/charset.h"
#include "model/model_file.h"

#include <QImage>
#include <QPainter>

#include <cmath>
#include <memory>

namespace inklens::testing {

// Two conv blocks and a small BiLSTM on 16-pixel lines: a few milliseconds a line.
inline std::shared_ptr<const model::Model> tinyModel(std::uint64_t seed = 7)
{
    model::CrnnSpec s;
    s.inputHeight = 16;
    s.activation = nn::Activation::LeakyReLU;
    s.convs = {{4, 3, true, 2, 2}, {6, 3, false, 2, 1}};
    s.lstmHidden = {8};
    s.numClasses = model::Charset::defaultLatin().size();
    model::Crnn net(s);
    net.initialize(seed);
    return std::make_shared<const model::Model>(std::move(net), model::Charset::defaultLatin());
}

// Many full-resolution conv layers (no width reduction): long lines take hundreds of
// milliseconds, in many short layers, so a cancel flag polled between layers answers fast.
// layers + 2 <= 32 (CrnnSpec's limit).
inline std::shared_ptr<const model::Model> slowModel(int layers = 14, int channels = 24)
{
    model::CrnnSpec s;
    s.inputHeight = 32;
    s.activation = nn::Activation::ReLU;
    s.convs.push_back({channels, 3, false, 2, 1});
    for (int i = 0; i < layers; ++i)
        s.convs.push_back({channels, 3, false, 1, 1});
    s.convs.push_back({channels, 3, false, 2, 1});
    s.lstmHidden = {32};
    s.numClasses = model::Charset::defaultLatin().size();
    model::Crnn net(s);
    net.initialize(11);
    return std::make_shared<const model::Model>(std::move(net), model::Charset::defaultLatin());
}

// A picture of a long "line": dark strokes on white, `width` x 32.
inline QImage stripedLine(int width = 3000, int seed = 1)
{
    QImage image(width, 32, QImage::Format_Grayscale8);
    image.fill(255);
    QPainter painter(&image);
    painter.setPen(QPen(Qt::black, 2));
    for (int x = 8, i = 0; x < width - 8; x += 7, ++i)
        painter.drawLine(x, 8 + (i * seed) % 5, x + 4, 24 - (i * 3 + seed) % 6);
    return image;
}

// `letters` loops along a line, one stroke each, x-height about 20 units.
inline imaging::Ink loopInk(int letters = 6, float x0 = 20, float baseline = 100)
{
    imaging::Ink ink;
    for (int l = 0; l < letters; ++l) {
        imaging::Stroke s;
        for (int i = 0; i <= 24; ++i) {
            const float a = float(i) / 24.f * 6.2832f;
            s.points.push_back({x0 + 16.f * float(l) + 6.f * std::sin(a),
                                baseline - 10.f + 10.f * std::cos(a), 0.01f * float(l * 25 + i),
                                0.5f});
        }
        ink.strokes.push_back(std::move(s));
    }
    return ink;
}

}  // namespace inklens::testing
