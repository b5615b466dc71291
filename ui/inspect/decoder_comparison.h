#pragma once
// Greedy (best path) and prefix beam search side by side on the same posteriors, with
// the beam's N-best list and scores, and where the two disagree. When the model has a
// language model (model/lm_file.h) the beam search can use it (a check box, on by
// default, as in the window's reading): the list then also shows each hypothesis's
// language-model log-probability, and ranks by the fused score. Decoding runs in a
// QtConcurrent task (O(T * C * beam), milliseconds); the newest request wins.

#include "inspect_view.h"

#include "ctc/decode.h"

#include <QFutureWatcher>

class QCheckBox;
class QGroupBox;
class QLabel;
class QSpinBox;
class QTreeWidget;

namespace inklens::ui::inspect {

// Characters of `a` that an edit (Levenshtein alignment) against `b` touches.
std::vector<bool> differingCharacters(const std::u32string& a, const std::u32string& b);

class DecoderComparison : public InspectView
{
    Q_OBJECT
public:
    explicit DecoderComparison(QWidget* parent = nullptr);
    ~DecoderComparison() override;

    void setModel(std::shared_ptr<const model::Model> model);
    void setRecognition(std::shared_ptr<const model::Recognition> recognition);
    void setBeamOptions(const ctc::BeamOptions& options);
    ctc::BeamOptions beamOptions() const { return m_options; }

    QString exportName() const override { return QStringLiteral("decoders"); }

    // The shown results (empty while decoding).
    bool isReady() const { return m_ready; }
    QString greedyText() const;
    float greedyLogProb() const;
    QStringList beamTexts() const;
    // The scores the beam ranked by: log P(text) from the posteriors, plus the language
    // model's weighted part when it was used.
    std::vector<float> beamLogProbs() const;
    bool usedLanguageModel() const { return m_ready && m_result.usedLm; }
    void setLanguageModelEnabled(bool on);

signals:
    void decoded();  // results for the current recognition are shown

private:
    struct Result
    {
        quint64 generation = 0;
        ctc::Decoding greedy, beam;
        double ms = 0;
        bool usedLm = false;
        ctc::BeamOptions options;
    };
    void start();
    void show(const Result& result);
    static std::vector<float> rankScores(const Result& r);
    QString decode(const std::vector<int>& labels) const;

    std::shared_ptr<const model::Model> m_model;
    std::shared_ptr<const model::Recognition> m_rec;
    ctc::BeamOptions m_options;
    quint64 m_generation = 0;
    bool m_ready = false;
    Result m_result;
    QFutureWatcher<Result> m_watcher;

    QSpinBox* m_beamWidth = nullptr;
    QSpinBox* m_nbest = nullptr;
    QCheckBox* m_useLm = nullptr;
    QGroupBox* m_beamBox = nullptr;
    QLabel* m_greedyText = nullptr;
    QLabel* m_greedyInfo = nullptr;
    QLabel* m_beamText = nullptr;
    QTreeWidget* m_nbestList = nullptr;
    QLabel* m_summary = nullptr;
};

}  // namespace inklens::ui::inspect
