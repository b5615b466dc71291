// inklens: with no command, the window; with a command, a console tool that needs no
// display. The composition root: it wires, it holds no logic a test would want.
#include "cli.h"
#include "cli_common.h"

#include "app_info.h"
#include "document_area.h"
#include "language.h"
#include "main_window.h"
#include "recognition_options.h"
#include "text_panel.h"
#include "tools_menu.h"
#include "inspect/inspector_widget.h"
#include "inspect/inspect_selection.h"
#include "nn/kernels.h"
#include "service/model_versions.h"
#include "service/page_session.h"
#include "service/recognition_service.h"

#include <QApplication>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStringList>
#include <QTimer>

#include <cstdio>
#include <cstring>

namespace {

using CommandFn = int (*)(const QStringList& args);

struct Command
{
    const char* name;
    const char* summary;  // one line for --help
    CommandFn run;        // gets the arguments after the command name; returns the exit code
    bool fonts = false;   // renders fonts (QRawFont): runs under an offscreen QGuiApplication
};

// Subcommands (DESIGN.md, "Command line"). Each runs under a QCoreApplication, without a
// display, and parses its own options.
constexpr Command kCommands[] = {
    {"recognize", "read handwriting from pictures of lines or pages, or ink files",
     &inklens::cli::runRecognize},
    {"segment", "find the text lines of pages (JSON, text, PAGE XML, hOCR, ALTO)",
     &inklens::cli::runSegment},
    {"eval", "measure CER and WER against ground-truth folders", &inklens::cli::runEval},
    {"bench", "time the engine (kernels, forward pass, decoders)", &inklens::cli::runBench},
    {"train", "train or fine-tune a model on ground-truth folders", &inklens::cli::runTrain},
    {"finetune", "learn a hand from corrected samples, guarded (never worse)",
     &inklens::cli::runFinetune},
    {"synth", "write synthetic handwriting lines as a ground-truth folder", &inklens::cli::runSynth,
     true},
    {"lm", "build the character language model of a model", &inklens::cli::runLm},
    {"restroke", "turn scanned lines into pen ink (InkML) as a ground-truth folder",
     &inklens::cli::runRestroke},
    {"export", "write a model as ONNX for other tools", &inklens::cli::runExport},
    {"logprobs", "write the network's log-probabilities of lines (cross-checks with PyTorch)",
     &inklens::cli::runLogprobs},
    {"blend", "a model between a base and a model trained from it", &inklens::cli::runBlend},
};

const Command* findCommand(const char* name)
{
    for (const Command& command : kCommands) {
        if (std::strcmp(command.name, name) == 0)
            return &command;
    }
    return nullptr;
}

QString commandList()
{
    QString text;
    for (const Command& command : kCommands)
        text += QStringLiteral("  %1  %2\n")
                    .arg(QString::fromLatin1(command.name), -10)
                    .arg(QString::fromUtf8(command.summary));
    return text;
}

bool isHelpOrVersion(const char* arg)
{
    for (const char* flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"}) {
        if (std::strcmp(arg, flag) == 0)
            return true;
    }
    return false;
}

struct Options
{
    QCommandLineOption open{
        QStringLiteral("open"),
        QStringLiteral("Open FILE (InkML ink or a picture of one line) in the window."),
        QStringLiteral("FILE")};
    QCommandLineOption model{
        QStringLiteral("model"),
        QStringLiteral("Recognize with the model FILE instead of the default one."),
        QStringLiteral("FILE")};
    QCommandLineOption wordList{
        QStringLiteral("word-list"),
        QStringLiteral("Prefer the words of FILE (UTF-8, words separated by spaces or "
                       "lines) when reading; remembered like Recognition > Use a Word List."),
        QStringLiteral("FILE")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Save a picture of the window to FILE and quit."),
                                  QStringLiteral("FILE")};
};

void setUpParser(QCommandLineParser& parser, Options& options)
{
    parser.setApplicationDescription(
        QStringLiteral("InkLens: handwriting recognition you can see inside.\n"
                       "Without a command, opens the window. Commands:\n%1"
                       "Run 'inklens COMMAND --help' for a command's options.")
            .arg(commandList()));
    parser.addHelpOption();
    parser.addVersionOption();
    options.screenshot.setFlags(QCommandLineOption::HiddenFromHelp);  // docs and checks
    parser.addOption(options.open);
    parser.addOption(options.model);
    parser.addOption(options.wordList);
    parser.addOption(options.screenshot);
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("A command to run instead of the window; or a FILE to open in it "
                       "(as --open FILE: what the desktop's Open With runs)."),
        QStringLiteral("[command [args...] | FILE]"));
}

int usageError(const QString& message)
{
    return inklens::cli::usageError(QString(), message);
}

// --help and --version print and exit; they need no display either.
int runHelpOrVersion(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    Options options;
    setUpParser(parser, options);
    if (!parser.parse(app.arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("version"))) {
        // The version, then which kernels the engine runs on this CPU.
        std::printf("%s %s\n%s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()),
                    inklens::nn::kernelInfo().text().c_str());
        return 0;
    }
    if (parser.isSet(QStringLiteral("help-all")))
        parser.showHelp(0);  // exits 0, with Qt's own options
    std::printf("%s", qPrintable(inklens::cli::helpText(parser, QString())));
    return 0;
}

// Without a display QApplication aborts with a message about platform plugins;
// say what to do instead. (Unix desktops only; -platform or QT_QPA_PLATFORM win.)
bool displayMissing(int argc, char* argv[])
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-platform") == 0 || std::strcmp(argv[i], "--platform") == 0)
            return false;
    }
    return qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    Q_UNUSED(argc);
    Q_UNUSED(argv);
    return false;
#endif
}

int runWindow(int argc, char* argv[])
{
    if (displayMissing(argc, argv)) {
        std::fprintf(
            stderr, "inklens: no display (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                    "Run it on a desktop, under 'xvfb-run -a', or with QT_QPA_PLATFORM=offscreen;\n"
                    "or run a command: 'inklens --help' lists them.\n");
        return 1;
    }
    QApplication app(argc, argv);  // takes Qt's own options (-platform, -style, ...)
    QCommandLineParser parser;
    Options options;
    setUpParser(parser, options);
    if (!parser.parse(app.arguments()))
        return usageError(parser.errorText());
    // "inklens FILE" (the desktop entry's Exec=inklens %f) is "inklens --open FILE".
    QString fileToOpen = parser.value(options.open);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() == 1 && !parser.isSet(options.open)
        && QFileInfo(positional.constFirst()).isFile()) {
        fileToOpen = positional.constFirst();
    } else if (!positional.isEmpty()) {
        return usageError(QStringLiteral("a command must come first: inklens %1 ...")
                              .arg(positional.constFirst()));
    }

    inklens::ui::Translator translator;
    // The model loads on the recognition thread; the window shows it when it is there
    // (or why it is not: the window works without one).
    inklens::service::RecognitionService recognition;
    // The inspection views (filters, feature maps, LSTM states, CTC, decoders, saliency)
    // observe the model and every recognition; hovering a character in the text selects it.
    auto* inspector = new inklens::ui::inspect::InspectorWidget;
    QObject::connect(&recognition, &inklens::service::RecognitionService::modelLoaded, inspector,
                     [inspector](std::shared_ptr<const inklens::model::Model> model,
                                 const QString&) { inspector->setModel(std::move(model)); });
    recognition.setWritingLanguage(inklens::ui::RecognitionOptions::savedWritingLanguage());
    // --model, else $INKLENS_MODEL, else the fine-tuned version the user made active
    // (Tools > Model Versions), else the bundled model.
    if (parser.isSet(options.model) || qEnvironmentVariableIsSet("INKLENS_MODEL"))
        recognition.loadModel(parser.value(options.model));
    else
        inklens::service::loadStartupModel(recognition);
    inklens::ui::MainWindow window(translator, recognition);
    window.addInspectionView(inspector, Qt::RightDockWidgetArea);
    // Watch it learn (Tools > Fine-tune): the inspector follows the model being trained.
    QObject::connect(window.toolsMenu(), &inklens::ui::ToolsMenu::inspect, inspector,
                     [inspector](std::shared_ptr<const inklens::model::Model> model,
                                 std::shared_ptr<const inklens::model::Recognition> recognition,
                                 const QImage& line) {
        inspector->setModel(std::move(model));
        inspector->setRecognition(std::move(recognition), line);
    });
    QObject::connect(&window, &inklens::ui::MainWindow::recognitionChanged, inspector,
                     &inklens::ui::inspect::InspectorWidget::setRecognition);
    QObject::connect(window.textPanel(), &inklens::ui::TextPanel::characterHovered,
                     inspector->selection(),
                     &inklens::ui::inspect::InspectSelection::setHoveredCharacter);
    if (parser.isSet(options.wordList))
        recognition.setWordList(QFileInfo(parser.value(options.wordList)).absoluteFilePath());
    window.show();

    if (!fileToOpen.isEmpty()) {
        // A file refused once read (on the page worker: a damaged picture, broken ink).
        QObject::connect(window.documentArea(), &inklens::ui::DocumentArea::openFailed, &window,
                         [](const QString& file, const QString& error) {
            std::fprintf(stderr, "inklens: cannot open %s: %s\n", qPrintable(file),
                         qPrintable(error));
        });
        // Once the window is laid out: opened ink is fitted to the canvas' guide lines.
        QTimer::singleShot(0, &window, [&window, file = fileToOpen] {
            QString error;
            if (!window.openFile(file, &error))
                std::fprintf(stderr, "inklens: cannot open %s: %s\n", qPrintable(file),
                             qPrintable(error));
        });
    }
    if (parser.isSet(options.screenshot)) {
        // After the model has loaded and what --open brought is recognized, a page's lines
        // too (or 60 s).
        const QString file = parser.value(options.screenshot);
        auto shoot = [&window, file] {
            const bool saved = window.grab().save(file);
            if (!saved)
                std::fprintf(stderr, "inklens: cannot write %s\n", qPrintable(file));
            QCoreApplication::exit(saved ? 0 : 1);
        };
        auto* poll = new QTimer(&window);
        auto* pages = window.findChild<inklens::service::PageSession*>();
        QObject::connect(poll, &QTimer::timeout, &window,
                         [&recognition, pages, poll, shoot, polls = 0, quiet = 0]() mutable {
            using State = inklens::service::RecognitionService::ModelState;
            const bool settled = recognition.modelState() != State::Loading && !recognition.busy()
                                 && !(pages && pages->busy());
            quiet = settled ? quiet + 1 : 0;
            if (quiet >= 10 || ++polls > 1200) {  // 0.5 s without work, or 60 s
                poll->stop();
                shoot();
            }
        });
        poll->start(50);
    }
    return app.exec();
}

}  // namespace

int main(int argc, char* argv[])
{
    inklens::ui::setApplicationInfo();

    // "inklens COMMAND args...": the command is the first argument ("inklens FILE": the
    // window, opening FILE).
    if (argc > 1 && argv[1][0] != '-') {
        const Command* command = findCommand(argv[1]);
        if (!command && QFileInfo(QString::fromLocal8Bit(argv[1])).isFile())
            return runWindow(argc, argv);
        if (!command) {
            std::fprintf(stderr, "inklens: unknown command '%s'. Commands:\n%s", argv[1],
                         qPrintable(commandList()));
            return 2;
        }
        if (command->fonts) {
            // Fonts need a QGuiApplication; the offscreen platform needs no display.
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            QGuiApplication app(argc, argv);
            return command->run(app.arguments().mid(2));
        }
        QCoreApplication app(argc, argv);
        return command->run(app.arguments().mid(2));
    }

    for (int i = 1; i < argc; ++i) {
        if (isHelpOrVersion(argv[i]))
            return runHelpOrVersion(argc, argv);
    }
    return runWindow(argc, argv);
}
