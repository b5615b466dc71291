#include "onnx_export.h"

#include "model/protobuf_writer.h"

#include <set>
#include <string_view>
#include <variant>
#include <vector>

namespace inklens::model {

namespace {

using nn::EngineError;

// Field numbers of the onnx.proto messages written (onnx/onnx.proto, ONNX 1.8 and later).
namespace pb {
// ModelProto
constexpr int kModelIrVersion = 1, kModelProducerName = 2, kModelDocString = 6, kModelGraph = 7,
              kModelOpsetImport = 8, kModelMetadataProps = 14;
// OperatorSetIdProto
constexpr int kOpsetVersion = 2;
// StringStringEntryProto
constexpr int kEntryKey = 1, kEntryValue = 2;
// GraphProto
constexpr int kGraphNode = 1, kGraphName = 2, kGraphInitializer = 5, kGraphDocString = 10,
              kGraphInput = 11, kGraphOutput = 12;
// NodeProto
constexpr int kNodeInput = 1, kNodeOutput = 2, kNodeName = 3, kNodeOpType = 4, kNodeAttribute = 5;
// AttributeProto and its AttributeType values
constexpr int kAttrName = 1, kAttrF = 2, kAttrI = 3, kAttrS = 4, kAttrInts = 8, kAttrType = 20;
constexpr int kAttrTypeFloat = 1, kAttrTypeInt = 2, kAttrTypeString = 3, kAttrTypeInts = 7;
// TensorProto and its DataType values
constexpr int kTensorDims = 1, kTensorDataType = 2, kTensorName = 8, kTensorRawData = 9;
constexpr int kFloat = 1, kInt64 = 7;
// ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
constexpr int kValueInfoName = 1, kValueInfoType = 2;
constexpr int kTypeTensorType = 1;
constexpr int kTensorTypeElemType = 1, kTensorTypeShape = 2;
constexpr int kShapeDim = 1;
constexpr int kDimValue = 1, kDimParam = 2;
}  // namespace pb

// An attribute of a node: a float, an int, a string or a list of ints.
ProtoWriter attribute(std::string_view name, float value)
{
    ProtoWriter a;
    a.bytesField(pb::kAttrName, name);
    a.floatField(pb::kAttrF, value);
    a.intField(pb::kAttrType, pb::kAttrTypeFloat);
    return a;
}

ProtoWriter attribute(std::string_view name, std::int64_t value)
{
    ProtoWriter a;
    a.bytesField(pb::kAttrName, name);
    a.intField(pb::kAttrI, value);
    a.intField(pb::kAttrType, pb::kAttrTypeInt);
    return a;
}

ProtoWriter attribute(std::string_view name, std::string_view value)
{
    ProtoWriter a;
    a.bytesField(pb::kAttrName, name);
    a.bytesField(pb::kAttrS, value);
    a.intField(pb::kAttrType, pb::kAttrTypeString);
    return a;
}

ProtoWriter attribute(std::string_view name, const std::vector<std::int64_t>& values)
{
    ProtoWriter a;
    a.bytesField(pb::kAttrName, name);
    for (std::int64_t v : values)  // proto2: repeated scalars unpacked
        a.intField(pb::kAttrInts, v);
    a.intField(pb::kAttrType, pb::kAttrTypeInts);
    return a;
}

// A dimension of a declared shape: a size or the name of a dynamic one.
using Dim = std::variant<std::int64_t, std::string>;

// A GraphProto under construction: nodes in topological order, initializers, and the
// declared inputs and outputs.
class Graph
{
public:
    // Adds op(inputs) -> output (the node is named after its output); returns output.
    std::string node(std::string_view op, const std::vector<std::string>& inputs,
                     const std::string& output, const std::vector<ProtoWriter>& attributes = {})
    {
        ProtoWriter n;
        for (const std::string& in : inputs)
            n.bytesField(pb::kNodeInput, in);
        n.bytesField(pb::kNodeOutput, output);
        n.bytesField(pb::kNodeName, output);
        n.bytesField(pb::kNodeOpType, op);
        for (const ProtoWriter& a : attributes)
            n.messageField(pb::kNodeAttribute, a);
        m_graph.messageField(pb::kGraphNode, n);
        return output;
    }

    // A float initializer of the given shape (row-major data); returns its name.
    std::string floats(const std::string& name, const std::vector<std::int64_t>& dims,
                       const float* data)
    {
        std::size_t count = 1;
        for (std::int64_t d : dims)
            count *= std::size_t(d);
        return initializer(name, dims, pb::kFloat, ProtoWriter::littleEndian(data, count));
    }

    // The int64 vector `values` as an initializer (a Reshape's shape); one per content.
    std::string shape(const std::vector<std::int64_t>& values)
    {
        std::string name = "shape";
        for (std::int64_t v : values) {
            name += '_';
            name += std::to_string(v);
        }
        if (m_shapes.insert(name).second)
            initializer(name, {std::int64_t(values.size())}, pb::kInt64,
                        ProtoWriter::littleEndian(values.data(), values.size()));
        return name;
    }

    void input(const std::string& name, const std::vector<Dim>& dims)
    {
        m_graph.messageField(pb::kGraphInput, valueInfo(name, dims));
    }
    void output(const std::string& name, const std::vector<Dim>& dims)
    {
        m_graph.messageField(pb::kGraphOutput, valueInfo(name, dims));
    }

    ProtoWriter finish(std::string_view name, std::string_view doc)
    {
        m_graph.bytesField(pb::kGraphName, name);
        m_graph.bytesField(pb::kGraphDocString, doc);
        return m_graph;
    }

private:
    std::string initializer(const std::string& name, const std::vector<std::int64_t>& dims,
                            int dataType, const std::string& raw)
    {
        ProtoWriter t;
        for (std::int64_t d : dims)
            t.intField(pb::kTensorDims, d);
        t.intField(pb::kTensorDataType, dataType);
        t.bytesField(pb::kTensorName, name);
        t.bytesField(pb::kTensorRawData, raw);
        m_graph.messageField(pb::kGraphInitializer, t);
        return name;
    }

    static ProtoWriter valueInfo(const std::string& name, const std::vector<Dim>& dims)
    {
        ProtoWriter shape;
        for (const Dim& d : dims) {
            ProtoWriter dim;
            if (const auto* size = std::get_if<std::int64_t>(&d))
                dim.intField(pb::kDimValue, *size);
            else
                dim.bytesField(pb::kDimParam, std::get<std::string>(d));
            shape.messageField(pb::kShapeDim, dim);
        }
        ProtoWriter tensor;
        tensor.intField(pb::kTensorTypeElemType, pb::kFloat);
        tensor.messageField(pb::kTensorTypeShape, shape);
        ProtoWriter type;
        type.messageField(pb::kTypeTensorType, tensor);
        ProtoWriter info;
        info.bytesField(pb::kValueInfoName, name);
        info.messageField(pb::kValueInfoType, type);
        return info;
    }

    ProtoWriter m_graph;
    std::set<std::string> m_shapes;
};

// ONNX's gate blocks (i, o, f, c) as our (PyTorch's) blocks (i, f, g, o).
constexpr int kOnnxGateFromOurs[4] = {0, 3, 1, 2};

// p: (4H, cols) in our gate order -> appended to out in ONNX's.
void appendOnnxGates(std::vector<float>& out, const nn::Param& p, int hidden, int cols)
{
    const std::size_t block = std::size_t(hidden) * std::size_t(cols);
    for (int gate : kOnnxGateFromOurs) {
        const float* from = p.value.data() + std::size_t(gate) * block;
        out.insert(out.end(), from, from + block);
    }
}

std::vector<ProtoWriter> activationNode(nn::Activation activation, std::string* op)
{
    switch (activation) {
    case nn::Activation::ReLU:
        *op = "Relu";
        return {};
    case nn::Activation::LeakyReLU:
        *op = "LeakyRelu";
        return {attribute("alpha", nn::kLeakySlope)};
    }
    throw EngineError("cannot export to ONNX: unknown activation ("
                      + std::to_string(int(activation)) + ") in the model spec");
}

ProtoWriter metadataEntry(std::string_view key, std::string_view value)
{
    ProtoWriter e;
    e.bytesField(pb::kEntryKey, key);
    e.bytesField(pb::kEntryValue, value);
    return e;
}

}  // namespace

std::string onnxModel(const Model& model)
{
    const Crnn& net = model.crnn;
    const CrnnSpec& spec = net.spec();
    spec.validate();
    std::string activationOp;
    const std::vector<ProtoWriter> activationAttributes = activationNode(spec.activation,
                                                                         &activationOp);
    using Ints = std::vector<std::int64_t>;

    Graph g;
    g.input("image", {Dim(1), Dim(1), Dim(spec.inputHeight), Dim("width")});
    std::string x = "image";  // (1, C, H, W) through the conv blocks

    for (std::size_t b = 0; b < spec.convs.size(); ++b) {
        const ConvBlockSpec& block = spec.convs[b];
        const int blockIndex = int(b);
        const nn::BatchNorm2d* bn = net.batchNorm(blockIndex);
        const nn::Conv2d conv = bn ? nn::foldBatchNorm(net.conv(blockIndex), *bn)
                                   : net.conv(blockIndex);
        const std::string name = "conv" + std::to_string(b);
        const std::int64_t k = conv.k, pad = conv.k / 2;
        const std::string weight = g.floats(name + ".weight", {conv.cout, conv.cin, k, k},
                                            conv.weight.value.data());
        const std::string bias = g.floats(name + ".bias", {conv.cout}, conv.bias.value.data());
        x = g.node("Conv", {x, weight, bias}, name,
                   {attribute("kernel_shape", Ints{k, k}),
                    attribute("pads", Ints{pad, pad, pad, pad}), attribute("strides", Ints{1, 1})});
        x = g.node(activationOp, {x}, name + ".act", activationAttributes);
        if (block.poolH != 1 || block.poolW != 1) {
            const Ints window{block.poolH, block.poolW};
            x = g.node("MaxPool", {x}, "pool" + std::to_string(b),
                       {attribute("kernel_shape", window), attribute("strides", window)});
        }
    }

    // The columns as a sequence: (1, C, H', T) -> (T, 1, C, H') -> (T, 1, C*H').
    x = g.node("Transpose", {x}, "columns", {attribute("perm", Ints{3, 0, 1, 2})});
    x = g.node("Reshape", {x, g.shape({-1, 1, spec.features()})}, "sequence");

    int in = spec.features();
    for (std::size_t l = 0; l < spec.lstmHidden.size(); ++l) {
        const nn::BiLstm& rnn = net.lstm(int(l));
        const int h = rnn.hidden();
        const std::string name = "lstm" + std::to_string(l);
        std::vector<float> w, r, bias;  // (2, 4H, in), (2, 4H, H), (2, 8H)
        for (const nn::Lstm* d : {&rnn.fwd, &rnn.bwd}) {
            appendOnnxGates(w, d->wih, h, in);
            appendOnnxGates(r, d->whh, h, h);
            appendOnnxGates(bias, d->bih, h, 1);
            appendOnnxGates(bias, d->bhh, h, 1);
        }
        const std::string wName = g.floats(name + ".W", {2, 4 * h, in}, w.data());
        const std::string rName = g.floats(name + ".R", {2, 4 * h, h}, r.data());
        const std::string bName = g.floats(name + ".B", {2, 8 * h}, bias.data());
        // Y: (T, 2, 1, H) -> (T, 1, 2, H) -> (T, 1, 2H) = [forward | backward]
        x = g.node("LSTM", {x, wName, rName, bName}, name,
                   {attribute("hidden_size", std::int64_t(h)),
                    attribute("direction", std::string_view("bidirectional"))});
        x = g.node("Transpose", {x}, name + ".frames", {attribute("perm", Ints{0, 2, 1, 3})});
        x = g.node("Reshape", {x, g.shape({-1, 1, 2 * h})}, name + ".out");
        in = 2 * h;
    }

    // The classifier on (T, 2H) (Gemm is two-dimensional), then back to (T, 1, C).
    const nn::Linear& fc = net.fc();
    x = g.node("Reshape", {x, g.shape({-1, in})}, "fc.in");
    const std::string fcWeight = g.floats("fc.weight", {fc.out, fc.in}, fc.weight.value.data());
    const std::string fcBias = g.floats("fc.bias", {fc.out}, fc.bias.value.data());
    x = g.node("Gemm", {x, fcWeight, fcBias}, "logits", {attribute("transB", std::int64_t(1))});
    x = g.node("LogSoftmax", {x}, "log_softmax", {attribute("axis", std::int64_t(1))});
    x = g.node("Reshape", {x, g.shape({-1, 1, spec.numClasses})}, "log_probs");
    g.output(x, {Dim("frames"), Dim(1), Dim(spec.numClasses)});

    ProtoWriter opset;
    opset.intField(pb::kOpsetVersion, kOnnxOpset);  // the default domain (ai.onnx)
    ProtoWriter m;
    m.intField(pb::kModelIrVersion, kOnnxIrVersion);
    m.bytesField(pb::kModelProducerName, "InkLens");
    m.bytesField(pb::kModelDocString,
                 "Handwritten line recognizer (CRNN + CTC). Input: one line, ink = 1, paper = 0, "
                 "height-normalized. Output: per-frame log-posteriors; class 0 is the CTC blank, "
                 "class i > 0 the i-th character of metadata 'charset'.");
    m.messageField(
        pb::kModelGraph,
        g.finish("inklens_crnn", "conv blocks -> BiLSTM layers -> linear -> log-softmax"));
    m.messageField(pb::kModelOpsetImport, opset);
    for (const auto& [key, value] :
         {std::pair<std::string_view, std::string>{"charset", model.charset.toString()},
          {"blank", "0"},
          {"input_height", std::to_string(spec.inputHeight)},
          {"normalization", model.normalization},
          {"spec", spec.toJson()},
          {"provenance", model.provenance}})
        m.messageField(pb::kModelMetadataProps, metadataEntry(key, value));
    return m.bytes();
}

}  // namespace inklens::model
