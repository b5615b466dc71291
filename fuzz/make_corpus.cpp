// Writes the fuzz targets' seed corpora (fuzz/corpus/TARGET/) from InkLens's own writers:
//   fuzz_make_corpus OUTPUT_FOLDER
// a tiny model and language model, InkML, small pictures in each format, ALTO, PAGE XML
// and hOCR of a two-line page, and ground-truth folder inputs (fuzz_sample_import.cpp's
// format). Run it again when a format changes; every file stays a few kB.

#include "ctc/char_lm.h"
#include "fuzz_common.h"
#include "model/model_file.h"
#include "service/alto.h"
#include "service/inkml.h"
#include "service/page_formats.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QPainter>

#include <cstdio>
#include <fstream>

using namespace inklens;

namespace {

QString g_out;

void put(const QString& target, const QString& name, const QByteArray& bytes)
{
    QDir(g_out).mkpath(target);
    QFile f(g_out + QLatin1Char('/') + target + QLatin1Char('/') + name);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        std::fprintf(stderr, "cannot write %s\n", qPrintable(f.fileName()));
}

QByteArray fileBytes(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

model::Model tinyModel(const model::Charset& cs, int hidden)
{
    model::CrnnSpec s;
    s.inputHeight = 8;
    s.convs = {{2, 3, true, 2, 2}};
    s.lstmHidden = {hidden};
    s.numClasses = cs.size();
    model::Crnn net(s);
    net.initialize(3);
    return model::Model(std::move(net), cs);
}

imaging::Ink someInk()
{
    imaging::Ink ink;
    for (int s = 0; s < 3; ++s) {
        imaging::Stroke stroke;
        for (int i = 0; i < 6; ++i)
            stroke.points.push_back(
                {float(10 * s + i), float((i * 7) % 5), 0.01f * float(i), 0.5f});
        ink.strokes.push_back(stroke);
    }
    return ink;
}

QByteArray picture(const char* format, QImage::Format pixels, QSize size)
{
    QImage img(size, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.drawLine(2, size.height() / 2, size.width() - 3, size.height() / 2 + 1);
    p.drawEllipse(QPoint(size.width() / 3, size.height() / 3), 3, 2);
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.convertToFormat(pixels).save(&buffer, format);
    return bytes;
}

service::PageReading twoLines()
{
    service::PageReading page;
    page.size = QSize(200, 100);
    for (int i = 0; i < 2; ++i) {
        service::PageLineReading l;
        const float y = 20.f + 40.f * float(i);
        l.line.polygon = {{10, y - 10}, {190, y - 10}, {190, y + 10}, {10, y + 10}};
        l.line.baseline = {{10, y + 5}, {190, y + 6}};
        l.line.block = i;
        l.text = i ? QStringLiteral("Noël & <1914>") : QStringLiteral("le chat");
        l.confidence = 0.75;
        page.lines.push_back(l);
    }
    return page;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_corpus OUTPUT_FOLDER\n");
        return 2;
    }
    fuzz::initQt();
    g_out = QString::fromLocal8Bit(argv[1]);
    const QString tmp = fuzz::scratchDir().path();

    // Models and language models, from the real writers.
    const model::Charset small = model::Charset::fromString("ab c");
    for (auto [name, cs, hidden] :
         {std::tuple{"tiny.safetensors", small, 2},
          std::tuple{"latin.safetensors", model::Charset::defaultLatin(), 2}}) {
        const std::string path = (tmp + QLatin1Char('/') + QLatin1String(name)).toStdString();
        model::saveModel(path, tinyModel(cs, hidden));
        put(QStringLiteral("fuzz_model_file"), QLatin1String(name), fileBytes(path));
    }
    for (int order : {1, 3}) {
        ctc::CharNgramLm::Builder b(small.size(), {order, 0});
        b.addLine(small.encode("ab ca"));
        b.addLine(small.encode("cab"));
        const std::string path = (tmp + QStringLiteral("/o%1.lm").arg(order)).toStdString();
        model::saveLanguageModel(path, {b.finish(), small, "{}"});
        put(QStringLiteral("fuzz_lm_file"), QStringLiteral("order%1.lm").arg(order),
            fileBytes(path));
    }

    // InkML: as InkLens writes it, and the forms of other tools (service/inkml.h).
    const QByteArray ink = service::writeInkMl(someInk(), QStringLiteral("abc"));
    put(QStringLiteral("fuzz_inkml"), QStringLiteral("written.inkml"), ink);
    put(QStringLiteral("fuzz_inkml"), QStringLiteral("channels.inkml"),
        R"(<ink xmlns="http://www.w3.org/2003/InkML">
<definitions><context xml:id="c"><traceFormat><channel name="Y" orientation="-ve"/><channel name="X"/><channel name="T" units="s"/><channel name="F" max="1023"/><channel name="OTx"/></traceFormat></context></definitions>
<traceGroup contextRef="#c"><trace>1 2 0 500 9, '1 '1 '0.1 '3 9, "0 "1 "0 "1 9, !5 ? * 7 9</trace><trace type="penUp">0 0 0 0 0</trace>
<traceGroup><trace contextRef="#c">3 4 0.2 T 1</trace></traceGroup></traceGroup>
<annotation type="truth">Noël</annotation></ink>)");
    put(QStringLiteral("fuzz_inkml"), QStringLiteral("plain.inkml"),
        "<ink><trace>0 0, 1 1, 2 0</trace><trace>3 3,4 4</trace></ink>");

    // Pictures in each format the loader reads.
    put(QStringLiteral("fuzz_image"), QStringLiteral("gray.png"),
        picture("PNG", QImage::Format_Grayscale8, {40, 12}));
    put(QStringLiteral("fuzz_image"), QStringLiteral("rgb.jpg"),
        picture("JPEG", QImage::Format_RGB32, {32, 16}));
    put(QStringLiteral("fuzz_image"), QStringLiteral("mono.bmp"),
        picture("BMP", QImage::Format_Mono, {24, 8}));
    put(QStringLiteral("fuzz_image"), QStringLiteral("argb.tif"),
        picture("TIFF", QImage::Format_ARGB32, {16, 8}));
    put(QStringLiteral("fuzz_image"), QStringLiteral("rgb.webp"),
        picture("WEBP", QImage::Format_RGB32, {16, 16}));
    put(QStringLiteral("fuzz_image"), QStringLiteral("gray16.png"),
        picture("PNG", QImage::Format_Grayscale16, {12, 10}));
    put(QStringLiteral("fuzz_image"), QStringLiteral("indexed.png"),
        picture("PNG", QImage::Format_Indexed8, {8, 40}));

    // Page files of a two-line page.
    const service::PageReading page = twoLines();
    put(QStringLiteral("fuzz_alto"), QStringLiteral("v4.alto.xml"),
        service::altoXml(page, QStringLiteral("p.png")));
    put(QStringLiteral("fuzz_alto"), QStringLiteral("v2.alto.xml"), R"(<?xml version="1.0"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Layout><Page WIDTH="300" HEIGHT="200"><PrintSpace>
<TextBlock><TextLine HPOS="10" VPOS="20" WIDTH="100" HEIGHT="30" BASELINE="45"><String CONTENT="le" WC="0.9"/><SP/><String CONTENT="chat"/></TextLine></TextBlock>
</PrintSpace></Page></Layout></alto>)");
    put(QStringLiteral("fuzz_page_xml"), QStringLiteral("page.xml"),
        service::pageXml(page, QStringLiteral("p.png")));
    put(QStringLiteral("fuzz_page_xml"), QStringLiteral("page.hocr"),
        service::hocr(page, QStringLiteral("p.png")));

    // Ground-truth folder inputs: kind byte, file, separator, text.
    put(QStringLiteral("fuzz_sample_import"), QStringLiteral("ink"),
        QByteArray(1, 0) + ink + "\n=gt=\nabc");
    put(QStringLiteral("fuzz_sample_import"), QStringLiteral("png"),
        QByteArray(1, 1) + picture("PNG", QImage::Format_Grayscale8, {40, 12})
            + "\n=gt=\n le chat \n");
    put(QStringLiteral("fuzz_sample_import"), QStringLiteral("emptytext"),
        QByteArray(1, 0) + ink + "\n=gt=\n  ");
    return 0;
}
