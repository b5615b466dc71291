#include "augment.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace inklens::training {

namespace {
// A smooth random field of size `size`, values in [-1, 1]: uniform values on a grid of
// `cell`-pixel cells, interpolated bicubically (then clamped).
cv::Mat smoothNoise(cv::Size size, int cell, nn::Rng& rng)
{
    const int gw = std::max(2, size.width / cell + 2), gh = std::max(2, size.height / cell + 2);
    cv::Mat grid(gh, gw, CV_32F);
    for (int y = 0; y < gh; ++y)
        for (int x = 0; x < gw; ++x)
            grid.at<float>(y, x) = rng.uniform(-1.f, 1.f);
    cv::Mat out;
    cv::resize(grid, out, size, 0, 0, cv::INTER_CUBIC);
    cv::min(out, 1.0, out);
    cv::max(out, -1.0, out);
    return out;
}
}  // namespace

void addNeighbourFragments(cv::Mat& ink, nn::Rng& rng)
{
    const int h = ink.rows, w = ink.cols;
    if (h < 4 || w < 4)
        return;
    const cv::Mat src = ink.clone();
    const int which = rng.below(3);  // 0: above, 1: below, 2: both
    for (int side = 0; side < 2; ++side) {
        if (which != 2 && which != side)
            continue;
        const int shift = std::clamp(int(std::lround(rng.uniform(0.70f, 0.85f) * h)), 1, h - 1);
        const int dx = int(rng.below(w));
        // A part of the width, as neighbouring lines rarely match this one's extent.
        const int x0 = int(rng.below(std::max(1, w / 2)));
        const int x1 = std::min(w, x0 + std::max(4, int(rng.uniform(0.3f, 1.f) * w)));
        for (int y = 0; y < h; ++y) {
            // above: our row y shows the other line's row y + shift (its lower part)
            const int sy = side == 0 ? y + shift : y - shift;
            if (sy < 0 || sy >= h)
                continue;
            const float* from = src.ptr<float>(sy);
            float* to = ink.ptr<float>(y);
            for (int x = x0; x < x1; ++x)
                to[x] = std::max(to[x], from[(x + dx) % w]);
        }
    }
}

void elasticDistort(cv::Mat& ink, nn::Rng& rng, float maxPixels)
{
    if (ink.empty() || maxPixels <= 0)
        return;
    const int cell = std::max(4, ink.rows / 4);
    const float amp = rng.uniform(0.3f, 1.f) * maxPixels;
    const cv::Mat dx = smoothNoise(ink.size(), cell, rng) * amp,
                  dy = smoothNoise(ink.size(), cell, rng) * amp;
    cv::Mat mapX(ink.size(), CV_32F), mapY(ink.size(), CV_32F);
    for (int y = 0; y < ink.rows; ++y)
        for (int x = 0; x < ink.cols; ++x) {
            mapX.at<float>(y, x) = float(x) + dx.at<float>(y, x);
            mapY.at<float>(y, x) = float(y) + dy.at<float>(y, x);
        }
    cv::Mat out;
    cv::remap(ink, out, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    ink = out;
}

void addPaperTexture(cv::Mat& ink, nn::Rng& rng, float maxTone)
{
    if (ink.empty() || maxTone <= 0)
        return;
    const float tone = rng.uniform(0.2f, 1.f) * maxTone;
    cv::Mat paper = (smoothNoise(ink.size(), std::max(4, ink.rows / 2), rng) + 1.0) * (0.5 * tone);
    if (rng.uniform() < 0.3f) {  // a ruled line
        const int y = std::clamp(int(std::lround(rng.uniform(0.6f, 0.8f) * ink.rows)), 0,
                                 ink.rows - 1);
        paper.row(y).setTo(rng.uniform(0.15f, 0.4f));
    }
    cv::max(ink, paper, ink);
}

imaging::LineImage augmentLine(const imaging::LineImage& in, nn::Rng& rng, const AugmentOptions& o)
{
    const int h = in.height;
    const cv::Mat src(in.height, in.width, CV_32F, const_cast<float*>(in.pixels.data()));
    const float sx = 1.f + rng.uniform(-o.scaleX, o.scaleX);
    const float sy = 1.f + rng.uniform(-o.scaleY, o.scaleY);
    const float shear = rng.uniform(-o.slant, o.slant);
    const float rot = rng.uniform(-o.rotateDeg, o.rotateDeg) * 3.14159265f / 180.f;
    const float dy = rng.uniform(-o.shiftY, o.shiftY) * h;
    // Map: centre, then scale, shear and rotate, then back; the width follows the scale.
    const float cx = in.width * 0.5f, cy = h * 0.5f;
    const float c = std::cos(rot), s = std::sin(rot);
    // A = R * Shear * S
    const float a00 = c * sx, a01 = c * shear * sy - s * sy;
    const float a10 = s * sx, a11 = s * shear * sy + c * sy;
    int outW = int(std::lround(in.width * sx + std::abs(shear) * h));
    outW = std::max(8, (outW + 3) / 4 * 4);
    const float ocx = outW * 0.5f, ocy = h * 0.5f + dy;
    cv::Mat m = (cv::Mat_<double>(2, 3) << a00, a01, ocx - a00 * cx - a01 * cy, a10, a11,
                 ocy - a10 * cx - a11 * cy);
    cv::Mat out;
    cv::warpAffine(src, out, m, cv::Size(outW, h), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                   cv::Scalar(0));
    if (rng.uniform() < o.neighbourProb)
        addNeighbourFragments(out, rng);
    if (rng.uniform() < o.elasticProb)
        elasticDistort(out, rng, o.elasticPixels);
    if (rng.uniform() < o.strokeProb) {
        const cv::Mat k = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2, 2));
        if (rng.uniform() < 0.5f)
            cv::dilate(out, out, k);
        else
            cv::erode(out, out, k);
    }
    if (rng.uniform() < o.blurProb)
        cv::GaussianBlur(out, out, cv::Size(3, 3), rng.uniform(0.3f, 0.9f));
    const float contrast = rng.uniform(o.contrastMin, 1.f);
    if (contrast < 1.f)
        out *= contrast;
    if (rng.uniform() < o.paperProb)
        addPaperTexture(out, rng, o.paperMax);
    const float noise = rng.uniform(0.f, o.noise);
    imaging::LineImage r;
    r.height = h;
    r.width = outW;
    r.pixels.resize(std::size_t(h) * outW);
    for (int y = 0; y < h; ++y) {
        const float* p = out.ptr<float>(y);
        for (int x = 0; x < outW; ++x) {
            const float v = p[x] + noise * (rng.uniform() - 0.5f) * 2.f;
            r.pixels[std::size_t(y) * outW + x] = std::clamp(v, 0.f, 1.f);
        }
    }
    return r;
}

}  // namespace inklens::training
