// Architecture presets and spec overrides (core/model/presets): every preset builds a valid
// spec; each override changes exactly what it names; bad names and values are refused
// with a message naming them.

#include "model/crnn.h"
#include "model/presets.h"

#include <QtTest>

using namespace inklens;

namespace {

QString messageOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const nn::EngineError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace

class TestPresets : public QObject
{
    Q_OBJECT
private slots:
    void presetsAreValid_data();
    void presetsAreValid();
    void unknownPreset();
    void heightOverride();
    void convOverride();
    void lstmOverride();
    void badOverrides_data();
    void badOverrides();
    void positiveLists_data();
    void positiveLists();
};

void TestPresets::presetsAreValid_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("height");
    QTest::addColumn<bool>("batchNorm");
    for (const std::string& name : model::presetNames())
        QTest::newRow(name.c_str())
            << QString::fromStdString(name) << (name == "line40" ? 40 : 32) << (name != "crnn-ref");
}

void TestPresets::presetsAreValid()
{
    QFETCH(QString, name);
    QFETCH(int, height);
    QFETCH(bool, batchNorm);
    const model::CrnnSpec spec = model::presetSpec(name.toStdString(), 97);
    spec.validate();
    QCOMPARE(spec.numClasses, 97);
    QCOMPARE(spec.inputHeight, height);
    QCOMPARE(spec.activation, batchNorm ? nn::Activation::LeakyReLU : nn::Activation::ReLU);
    QCOMPARE(spec.convs.size(), model::CrnnSpec::crnnRef().convs.size());
    for (std::size_t i = 0; i < spec.convs.size(); ++i) {
        QCOMPARE(spec.convs[i].batchNorm, batchNorm);
        QCOMPARE(spec.convs[i].channels, model::CrnnSpec::crnnRef().convs[i].channels);
    }
    model::Crnn net(spec);  // builds
    QVERIFY(net.parameterCount() > 0);
    QCOMPARE(QString::fromStdString(model::presetNames().front()),
             QStringLiteral("line32"));  // the default
}

void TestPresets::unknownPreset()
{
    const QString message = messageOf([] { model::presetSpec("line41", 80); });
    QVERIFY2(message.contains(QStringLiteral("unknown architecture 'line41'"))
                 && message.contains(QStringLiteral("line40")),
             qPrintable(message));
}

void TestPresets::heightOverride()
{
    const model::CrnnSpec before = model::presetSpec("line40", 80);
    model::CrnnSpec spec = before;
    model::SpecOverrides o;
    o.inputHeight = 24;
    model::overrideSpec(spec, o);
    QCOMPARE(spec.inputHeight, 24);
    spec.inputHeight = before.inputHeight;
    QCOMPARE(spec, before);  // nothing else changed
}

void TestPresets::convOverride()
{
    // Six blocks on a five-block preset: the first five keep their pools, the sixth copies
    // the last block without pooling.
    const model::CrnnSpec before = model::presetSpec("line40", 80);
    model::CrnnSpec spec = before;
    model::SpecOverrides o;
    o.convChannels = {4, 6, 6, 8, 8, 5};
    model::overrideSpec(spec, o);
    QCOMPARE(spec.convs.size(), std::size_t(6));
    for (std::size_t i = 0; i < 6; ++i) {
        const model::ConvBlockSpec& from = before.convs[std::min<std::size_t>(i, 4)];
        QCOMPARE(spec.convs[i].channels, o.convChannels[i]);
        QCOMPARE(spec.convs[i].kernel, from.kernel);
        QCOMPARE(spec.convs[i].batchNorm, from.batchNorm);
        QCOMPARE(spec.convs[i].poolH, i < 5 ? from.poolH : 1);
        QCOMPARE(spec.convs[i].poolW, i < 5 ? from.poolW : 1);
    }
    // Fewer blocks: the first ones, with their pools.
    model::CrnnSpec fewer = before;
    o.convChannels = {16, 16, 16};
    model::overrideSpec(fewer, o);
    QCOMPARE(fewer.convs.size(), std::size_t(3));
    QCOMPARE(fewer.convs[1].poolH, before.convs[1].poolH);
    fewer.convs = before.convs;
    QCOMPARE(fewer, before);
}

void TestPresets::lstmOverride()
{
    const model::CrnnSpec before = model::presetSpec("crnn-ref", 80);
    model::CrnnSpec spec = before;
    model::SpecOverrides o;
    o.lstmHidden = {6, 7, 5};
    model::overrideSpec(spec, o);
    QCOMPARE(spec.lstmHidden, (std::vector<int>{6, 7, 5}));
    spec.lstmHidden = before.lstmHidden;
    QCOMPARE(spec, before);
    model::CrnnSpec same = before;
    model::overrideSpec(same, {});  // nothing set: nothing changes
    QCOMPARE(same, before);
}

void TestPresets::badOverrides_data()
{
    QTest::addColumn<int>("height");
    QTest::addColumn<QString>("message");
    QTest::newRow("pooled away") << 8 << "pools reduce the height to zero";
    QTest::newRow("too tall") << 1000 << "input height 1000 out of range";
}

void TestPresets::badOverrides()
{
    QFETCH(int, height);
    QFETCH(QString, message);
    model::CrnnSpec spec = model::presetSpec("line32", 80);
    model::SpecOverrides o;
    o.inputHeight = height;
    const QString got = messageOf([&] { model::overrideSpec(spec, o); });
    QVERIFY2(got.contains(message), qPrintable(got));
}

void TestPresets::positiveLists_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("expected");  // empty: refused
    QTest::newRow("one") << "24" << QList<int>{24};
    QTest::newRow("list") << "32,64, 128" << QList<int>{32, 64, 128};
    QTest::newRow("not a number") << "8,x" << QList<int>{};
    QTest::newRow("zero") << "0" << QList<int>{};
    QTest::newRow("negative") << "-4" << QList<int>{};
    QTest::newRow("empty item") << "8,,16" << QList<int>{};
    QTest::newRow("empty") << "" << QList<int>{};
    QTest::newRow("trailing text") << "12px" << QList<int>{};
    QTest::newRow("overflow") << "99999999999" << QList<int>{};
}

void TestPresets::positiveLists()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, expected);
    if (!expected.isEmpty()) {
        const auto got = model::parsePositiveList(text.toStdString(), "--conv");
        QCOMPARE(QList<int>(got.begin(), got.end()), expected);
        return;
    }
    const QString message = messageOf(
        [&] { model::parsePositiveList(text.toStdString(), "--conv"); });
    QCOMPARE(message, QStringLiteral("--conv: '%1' is not a list of positive integers").arg(text));
}

QTEST_APPLESS_MAIN(TestPresets)
#include "test_presets.moc"
