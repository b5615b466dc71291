// inklens logprobs: the network's log-probabilities of line pictures (or of given inputs)
// as a safetensors file, for comparisons with other engines (tools/torch/check_equal.py).
//
//   inklens logprobs --out F.safetensors [--model M] [--no-deskew] [--deslant] PICTURE...
//       each picture normalized as 'inklens recognize' reads a line (reading::Reader::
//       normalize), then one forward pass alone
//   inklens logprobs --out F.safetensors [--model M] --inputs IN.safetensors
//       the network on IN's tensors input.0, input.1, ... (H x W, ink = 1, H the model's
//       input height) as they are
// --im2col: the convolutions through im2col + GEMM instead of Winograd (nn::setWinogradEnabled),
// the plain arithmetic other engines use; Winograd F(4x4) rounds more (up to about 1.5e-4 in
// the log-probabilities of the bundled model on real lines, tools/torch/README.md).
//
// F holds, for line k: input.k (H x W, the pixels the network read) and logprobs.k
// (T x C, log-posteriors, class 0 = blank); metadata "files" (JSON array of the pictures,
// or of the input names) and "model" (the model file).
#include "cli.h"
#include "cli_common.h"

#include "model/safetensors.h"
#include "reading/reader.h"
#include "service/line_loader.h"
#include "service/model_locator.h"

#include "nn/kernels.h"
#include "nn/layers.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace inklens::cli {

int runLogprobs(const QStringList& args)
{
    CommandLine command(
        "logprobs",
        QStringLiteral(
            "Write the network's input and log-probabilities of line pictures, or of "
            "given inputs, to a safetensors file (for comparisons with other engines)."));
    QCommandLineParser& p = command.parser();
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Safetensors file to write."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption modelOption(
        QStringLiteral("model"),
        QStringLiteral("Model file (default: $INKLENS_MODEL, then the bundled model)."),
        QStringLiteral("FILE"));
    const QCommandLineOption inputs(
        QStringLiteral("inputs"),
        QStringLiteral("Read the tensors input.0, input.1, ... of this safetensors file "
                       "(height x width, ink = 1) instead of pictures."),
        QStringLiteral("FILE"));
    const QCommandLineOption noDeskew(QStringLiteral("no-deskew"),
                                      QStringLiteral("Pictures: no skew correction."));
    const QCommandLineOption deslant(QStringLiteral("deslant"),
                                     QStringLiteral("Pictures: slant correction."));
    const QCommandLineOption im2col(
        QStringLiteral("im2col"),
        QStringLiteral("Convolutions through im2col + GEMM instead of Winograd (the arithmetic "
                       "of other engines; slower)."));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Threads (0 = all cores)."),
                                     QStringLiteral("T"), QStringLiteral("0"));
    p.addOptions({out, modelOption, inputs, noDeskew, deslant, im2col, threads});
    p.addPositionalArgument(QStringLiteral("PICTURE"), QStringLiteral("Pictures of lines."),
                            QStringLiteral("[PICTURE...]"));
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    const QStringList files = p.positionalArguments();
    if (!p.isSet(out))
        return command.usageError(QStringLiteral("--out FILE is required"));
    if (p.isSet(inputs) == !files.isEmpty())
        return command.usageError(QStringLiteral("give either pictures or --inputs FILE"));
    try {
        nn::setNumThreads(p.value(threads).toInt());
        nn::setWinogradEnabled(!p.isSet(im2col));
        const QString modelPath = p.isSet(modelOption) ? p.value(modelOption)
                                                       : service::defaultModelPath();
        if (modelPath.isEmpty())
            return command.failure(QStringLiteral("no model found (use --model FILE)"));
        auto model = std::make_shared<const model::Model>(
            model::loadModel(modelPath.toStdString()));
        const reading::Reader reader(model);
        const int height = model->crnn.spec().inputHeight;

        // The lines to run: (name, pixels height x width).
        std::vector<std::pair<QString, imaging::LineImage>> lines;
        if (p.isSet(inputs)) {
            const model::SafetensorsFile in = model::readSafetensors(p.value(inputs).toStdString());
            for (int k = 0;; ++k) {
                const std::string name = "input." + std::to_string(k);
                const model::TensorEntry* t = in.find(name);
                if (!t)
                    break;
                if (t->shape.size() != 2 || t->shape[0] != height || t->shape[1] < 1)
                    throw nn::EngineError(p.value(inputs).toStdString() + ": " + name
                                          + " is not a line of the model's height "
                                          + std::to_string(height));
                imaging::LineImage line;
                line.height = height;
                line.width = int(t->shape[1]);
                line.pixels = t->data;
                lines.emplace_back(QString::fromStdString(name), std::move(line));
            }
            if (lines.empty())
                return command.failure(QStringLiteral("%1 holds no input.0").arg(p.value(inputs)));
        } else {
            reading::ReadOptions options;
            options.deskew = !p.isSet(noDeskew);
            options.deslant = p.isSet(deslant);
            for (const QString& file : files) {
                QString error;
                const QImage gray = service::loadGrayImage(file, &error);
                if (gray.isNull())
                    return command.failure(error.isEmpty() ? file + QStringLiteral(": unreadable")
                                                           : error);
                imaging::LineImage line = reader.normalize(service::grayMat(gray), options);
                if (line.empty())
                    return command.failure(file + QStringLiteral(": no ink found"));
                lines.emplace_back(file, std::move(line));
            }
        }

        model::SafetensorsFile result;
        QJsonArray names;
        model::CrnnWorkspace ws;
        nn::Seq logProbs;
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const imaging::LineImage& line = lines[k].second;
            const std::int64_t frames = model->crnn.spec().framesFor(line.width);
            if (frames < 1)
                throw nn::EngineError(lines[k].first.toStdString()
                                      + ": narrower than one frame of the network");
            model->crnn.forward(model::makeImageBatch({line.pixels.data()}, {line.width}, height),
                                logProbs, ws);
            const nn::Mat rows = logProbs.sampleRows(0);
            const std::string index = std::to_string(k);
            result.tensors.push_back({"input." + index, {height, line.width}, line.pixels});
            result.tensors.push_back({"logprobs." + index,
                                      {rows.rows(), rows.cols()},
                                      {rows.data(), rows.data() + rows.size()}});
            names.append(lines[k].first);
        }
        result.metadata["files"] =
            QJsonDocument(names).toJson(QJsonDocument::Compact).toStdString();
        result.metadata["model"] = modelPath.toStdString();
        result.metadata["convolutions"] = p.isSet(im2col) ? "im2col" : "default";
        model::writeSafetensorsAtomic(p.value(out).toStdString(), result);
        std::fprintf(stderr, "inklens logprobs: %zu lines -> %s\n", lines.size(),
                     qPrintable(p.value(out)));
        return 0;
    } catch (const std::exception& e) {
        return command.failure(QString::fromUtf8(e.what()));
    }
}

}  // namespace inklens::cli
