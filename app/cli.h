#pragma once
// Subcommands of the inklens executable. Each takes the arguments after the
// subcommand name and returns the process exit code.
#include <QCommandLineOption>
#include <QJsonObject>
#include <QStringList>

#include <memory>
#include <utility>
#include <vector>

class QCommandLineParser;

namespace inklens::model {
struct Model;
}  // namespace inklens::model

namespace inklens::training {
struct DatasetSplit;
}  // namespace inklens::training

namespace inklens::reading {
struct ReadOptions;
}  // namespace inklens::reading

namespace inklens::cli {
int runBench(const QStringList& args);      // app/cli_bench.cpp
int runEval(const QStringList& args);       // app/cli_eval.cpp
int runRecognize(const QStringList& args);  // app/cli_recognize.cpp
int runSegment(const QStringList& args);    // app/cli_segment.cpp
int runTrain(const QStringList& args);      // app/cli_train.cpp
int runSynth(const QStringList& args);      // app/cli_synth.cpp
int runLm(const QStringList& args);         // app/cli_lm.cpp
int runRestroke(const QStringList& args);   // app/cli_restroke.cpp
int runFinetune(const QStringList& args);   // app/cli_finetune.cpp
int runExport(const QStringList& args);     // app/cli_export.cpp
int runLogprobs(const QStringList& args);   // app/cli_logprobs.cpp
int runBlend(const QStringList& args);      // app/cli_blend.cpp

// training::splitGroundTruth of the --data folders (DIR[:WEIGHT]), with a line per folder
// on stderr. Throws nn::EngineError. Defined in app/cli_train.cpp; used by train and lm.
training::DatasetSplit splitFolders(const QStringList& dirs, int holdoutWriters);

// Shared by recognize and eval (defined in app/cli_recognize.cpp).

// --model, --decoder, --beam-width, --nbest, --threads.
struct RecognizerOptions
{
    QCommandLineOption model{
        QStringLiteral("model"),
        QStringLiteral("Model file (default: $INKLENS_MODEL, then the bundled model)."),
        QStringLiteral("FILE")};
    QCommandLineOption decoder{QStringLiteral("decoder"),
                               QStringLiteral("CTC decoder: greedy or beam (default)."),
                               QStringLiteral("NAME"), QStringLiteral("beam")};
    QCommandLineOption beamWidth{QStringLiteral("beam-width"),
                                 QStringLiteral("Prefixes kept per frame (beam; default 16)."),
                                 QStringLiteral("N"), QStringLiteral("16")};
    QCommandLineOption nbest{QStringLiteral("nbest"),
                             QStringLiteral("Alternatives reported (beam; default 5)."),
                             QStringLiteral("N"), QStringLiteral("5")};
    QCommandLineOption threads{QStringLiteral("threads"),
                               QStringLiteral("Threads (0 = all cores)."), QStringLiteral("T"),
                               QStringLiteral("0")};
    QCommandLineOption lm{
        QStringLiteral("lm"),
        QStringLiteral("Character language model for the beam search (default: the model's, "
                       "<model>.lm, when it exists)."),
        QStringLiteral("FILE")};
    QCommandLineOption deslant{
        QStringLiteral("deslant"),
        QStringLiteral("Shear each line upright before reading it (slant correction).")};
    QCommandLineOption noDeskew{
        QStringLiteral("no-deskew"),
        QStringLiteral("Read each line as it is: no levelling of a skewed baseline (skew "
                       "correction is on by default).")};
    QCommandLineOption noLm{QStringLiteral("no-lm"),
                            QStringLiteral("Beam search without a language model.")};
    QCommandLineOption lmWeight{
        QStringLiteral("lm-weight"),
        QStringLiteral("Weight of the language model's log-probability (beam)."),
        QStringLiteral("W")};
    QCommandLineOption lmBonus{
        QStringLiteral("lm-bonus"),
        QStringLiteral("Score added per character with a language model (beam)."),
        QStringLiteral("B")};
    QCommandLineOption lexicon{
        QStringLiteral("lexicon"),
        QStringLiteral("Word list (UTF-8 text): the beam search penalizes words not in it "
                       "(e.g. /usr/share/dict/french)."),
        QStringLiteral("FILE")};
    QCommandLineOption lang{
        QStringLiteral("lang"),
        QStringLiteral("Language of the writing: en, fr, de or es. Its language model "
                       "(lang/CODE.lm beside the model; without one, the model's own) and its "
                       "word list (/usr/share/dict, where installed) instead of the defaults. "
                       "auto: each line read with every language, the best-scored kept."),
        QStringLiteral("CODE")};
    QCommandLineOption noLexicon{QStringLiteral("no-lexicon"),
                                 QStringLiteral("No word list, not even the --lang's.")};
    QCommandLineOption oovPenalty{
        QStringLiteral("oov-penalty"),
        QStringLiteral("Score subtracted per word not in the --lexicon (default 2)."),
        QStringLiteral("P")};

    // What loadModel chose, for the JSON output.
    struct Choice
    {
        QString language;       // --lang, empty = none
        QString languageModel;  // the language model file in use, empty = none
        QString wordList;       // the word list file in use, empty = none
    };

    void addTo(QCommandLineParser& parser) const;
    // Fills *options and applies --threads; false and *error on a bad value (a usage error).
    bool read(const QCommandLineParser& parser, reading::ReadOptions* options,
              QString* error) const;
    // The --model file, or service::defaultModelPath(), its --lm (or the --lang's), and the
    // --lexicon (or the --lang's word list) for its charset (into options->lexicon) through
    // service::loadModel; prints the warning when the language model beside the model does
    // not load. Null and *error when there is none or either does not load (the --lang's
    // language model too); *path receives the file used (or tried), *choice (if given) what
    // was chosen. read() has checked --lang.
    std::shared_ptr<const model::Model> loadModel(const QCommandLineParser& parser, QString* path,
                                                  QString* error, reading::ReadOptions* options,
                                                  Choice* choice = nullptr) const;
    // Adds "language", "language_model" and "word_list" (the files the decoder uses; ""
    // for none) to a JSON object.
    void describe(const Choice& choice, const reading::ReadOptions& options,
                  QJsonObject* out) const;
};

// One JSON object as one line on stdout, flushed.
void printJsonLine(const QJsonObject& object);
}  // namespace inklens::cli
