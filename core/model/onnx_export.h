#pragma once
// A recognizer model as an ONNX model (https://onnx.ai, IR version 7, opset 13), to run it
// outside InkLens: OpenCV's DNN module (4.6 reads it; tests/test_onnx_export.cpp), ONNX
// Runtime and the like. One line at a time:
//
//   input  "image"      (1, 1, inputHeight, width) float, ink = 1, paper = 0; width dynamic
//   output "log_probs"  (frames, 1, classes) float: log-posteriors, class 0 = the CTC blank,
//                       frames = spec.framesFor(width)
//
// The graph is Crnn::forward's inference path:
//   per conv block   Conv k x k, pads k/2 (batch norm folded in) -> Relu | LeakyRelu(0.01)
//                    -> MaxPool (ph, pw), stride = kernel, floor     [pool when not 1 x 1]
//   columns          Transpose (1, C, H', T) -> (T, 1, C, H'), Reshape -> (T, 1, C*H')
//   per BiLSTM layer LSTM bidirectional (gates reordered from i f g o to ONNX's i o f c)
//                    -> Y (T, 2, 1, H) -> Transpose (T, 1, 2, H) -> Reshape (T, 1, 2H)
//   classifier       Reshape (T, 2H) -> Gemm (W^T, b) -> LogSoftmax -> Reshape (T, 1, C)
// Every Reshape names its sizes and infers the dynamic one with -1: OpenCV 4.6's importer
// sizes the graph with the width as 0, and there a 0 ("copy this dimension") after a
// Transpose gives the LSTM a batch of 0 and the import fails.
// metadata_props carry what a reader needs besides the graph: "charset" (the characters
// of labels 1.., UTF-8), "blank" ("0"), "input_height", "normalization", "spec" (the
// CrnnSpec JSON) and "provenance".
//
// The protobuf is encoded here (protobuf_writer.h): no protobuf library.

#include "model/model_file.h"

#include <string>

namespace inklens::model {

inline constexpr int kOnnxIrVersion = 7;
inline constexpr int kOnnxOpset = 13;

// The serialized ModelProto. Throws nn::EngineError when the model holds a layer the
// exporter does not know (naming it).
std::string onnxModel(const Model& model);

}  // namespace inklens::model
