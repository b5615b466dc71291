// inklens export: writes a recognition model in another format for other tools. Today
// ONNX (core/model/onnx_export.h), which OpenCV's DNN module, ONNX Runtime and others run.
#include "cli.h"
#include "cli_common.h"

#include "model/model_file.h"
#include "model/onnx_export.h"
#include "service/model_locator.h"
#include "service/page_formats.h"

#include <QFile>

#include <cstdio>

namespace inklens::cli {

int runExport(const QStringList& args)
{
    CommandLine command(
        "export",
        QStringLiteral(
            "Write a model as ONNX (opset 13) for other tools: input 'image' (1, 1, height, "
            "width; ink = 1, paper = 0), output 'log_probs' (frames, 1, classes; class 0 = the "
            "CTC blank), the charset in the metadata. scripts/check-onnx.py checks the file."));
    QCommandLineParser& p = command.parser();
    const QCommandLineOption onnx(QStringLiteral("onnx"),
                                  QStringLiteral("The ONNX file to write (replaced atomically)."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption modelOpt(
        QStringLiteral("model"),
        QStringLiteral("Model file (default: $INKLENS_MODEL, then the bundled model)."),
        QStringLiteral("FILE"));
    p.addOptions({onnx, modelOpt});
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    if (!p.isSet(onnx) || p.value(onnx).isEmpty())
        return command.usageError(QStringLiteral("needs --onnx FILE"));
    if (!p.positionalArguments().isEmpty())
        return command.usageError(
            QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().constFirst()));
    QString modelPath = p.value(modelOpt), searched;
    if (modelPath.isEmpty())
        modelPath = service::defaultModelPath(&searched);
    if (modelPath.isEmpty())
        return command.failure(service::noModelMessage(searched));

    QByteArray bytes;
    model::CrnnSpec spec;
    try {
        const model::Model m = model::loadModel(QFile::encodeName(modelPath).toStdString());
        spec = m.crnn.spec();
        bytes = QByteArray::fromStdString(model::onnxModel(m));
    } catch (const std::exception& e) {
        return command.failure(
            QStringLiteral("%1: %2").arg(modelPath, QString::fromUtf8(e.what())));
    }
    const QString out = p.value(onnx);
    QString why;
    if (!service::saveAtomically(out, bytes, &why))
        return command.failure(QStringLiteral("cannot write %1: %2").arg(out, why));
    std::fprintf(stderr,
                 "inklens export: %s -> %s (%lld bytes, ONNX opset %d): input 'image' (1, 1, %d, "
                 "width), output 'log_probs' (width / %d frames, 1, %d classes)\n",
                 qPrintable(modelPath), qPrintable(out), static_cast<long long>(bytes.size()),
                 model::kOnnxOpset, spec.inputHeight, spec.widthReduction(), spec.numClasses);
    return 0;
}

}  // namespace inklens::cli
