#pragma once
// Pure helpers shared by the inspection views: the geometry that ties image columns,
// CTC frames and feature-map columns together, the top classes of a frame, and the line
// image <-> network pixels conversion. Free functions, so tests can call them directly.
//
// Geometry. The network reads a line of W image columns and emits T = W / R frames
// (R = Recognition::widthReduction): frame f covers image columns [f*R, (f+1)*R).
// A conv map of block b (before its pool) is W_b = W / S_b columns wide, S_b = the
// product of the pool widths of the blocks before b: its column j covers image columns
// [j*S_b, (j+1)*S_b). A ColumnAxis puts image column c at widget x = left + c * scale.

#include "model/recognizer.h"

#include <QImage>
#include <QString>

#include <memory>
#include <vector>

namespace inklens::ui::inspect {

struct ColumnAxis
{
    double left = 0;   // widget x of the left edge of image column 0
    double scale = 1;  // widget pixels per image column
    int columns = 0;   // image width W

    double x(double column) const { return left + column * scale; }
    double right() const { return x(columns); }
    // The image column under widget x, or -1 outside [left, right).
    int columnAt(double wx) const;
    // Axis that fits `columns` into [left, left + width).
    static ColumnAxis fit(double left, double width, int columns);
};

// Frame <-> image columns (R = width reduction).
inline int frameFirstColumn(int frame, int reduction)
{
    return frame * reduction;
}
inline int frameEndColumn(int frame, int reduction)
{
    return (frame + 1) * reduction;
}  // exclusive
inline int frameOfColumn(int column, int reduction)
{
    return reduction > 0 ? column / reduction : 0;
}

// Image columns covered by conv block b's map column j: [j*S_b, (j+1)*S_b).
int convColumnStride(const model::CrnnSpec& spec, int block);  // S_b

// Index of the recognized character whose columns [firstColumn, lastColumn] hold the
// column (or whose frames hold the frame), -1 when none.
int characterAtColumn(const model::Recognition& rec, int column);
int characterAtFrame(const model::Recognition& rec, int frame);

struct ClassProb
{
    int label = 0;
    float prob = 0;
};
// The k most probable classes at a frame, most probable first (ties: lower label first).
std::vector<ClassProb> topClasses(const nn::Mat& logProbs, int frame, int k);

// A class as shown in the views: "∅" for the blank, "␣" for the space, the character
// otherwise ("#label" without a charset or out of range).
QString classLabel(const model::Charset* charset, int label);
QString charLabel(const model::RecognizedChar& c);  // "␣" for a space

// The per-column summary of a frame: "column 312 · frame 78: e 81% · c 12% · ∅ 5%".
QString columnSummary(const model::Recognition& rec, const model::Charset* charset, int column,
                      int k = 3);

// Line images. The views take the line the network read as a QImage, dark ink on light
// paper (like a scan), inputWidth x inputHeight: ink = 1 - gray (service::lineImageToQImage
// makes one). The exact pixels are Recognition::input; pixelsFromLineImage reads them back
// from a picture of any format, for a recognition that does not carry them.
std::vector<float> pixelsFromLineImage(const QImage& image);

// Pearson correlation of two equally long series (0 when either is constant).
double pearson(const float* a, const float* b, int n, int strideA = 1, int strideB = 1);

}  // namespace inklens::ui::inspect
