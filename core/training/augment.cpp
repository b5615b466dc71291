#include "augment.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace inklens::training {

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
    cv::Mat m = (cv::Mat_<double>(2, 3) << a00, a01, ocx - a00 * cx - a01 * cy, a10, a11, ocy - a10 * cx - a11 * cy);
    cv::Mat out;
    cv::warpAffine(src, out, m, cv::Size(outW, h), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
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
    const float noise = rng.uniform(0.f, o.noise);
    imaging::LineImage r;
    r.height = h;
    r.width = outW;
    r.pixels.resize(std::size_t(h) * outW);
    for (int y = 0; y < h; ++y) {
        const float* p = out.ptr<float>(y);
        for (int x = 0; x < outW; ++x) {
            const float v = p[x] * contrast + noise * (rng.uniform() - 0.5f) * 2.f;
            r.pixels[std::size_t(y) * outW + x] = std::clamp(v, 0.f, 1.f);
        }
    }
    return r;
}

}  // namespace inklens::training
