#pragma once
// The recognition service: a worker on its own QThread owns the model and runs the one
// reading path (reading::Reader: ink or picture -> normalized line -> network -> decoding)
// on ink or on pictures of a line. Qt Core/Gui only; lives on the GUI thread, the worker beside it.
//
//   GUI thread                                  worker thread
//   recognize(ink) : generation = ++n;          takes requests in order; skips a request
//                    flags the previous         that is no longer the newest; normalize,
//                    request as cancelled  ──►  network (polls the flag between layers),
//                    queued call                decode; QImage of the line
//   cancel()       : sets the atomic flag       (never waits behind the running job)
//   recognized()   ◄── queued ─────────────────  finished: dropped on arrival unless it
//                                                is the newest wanted generation
//
// The newest request wins: results of older requests are never delivered. A Recognition
// and its line image are immutable snapshots (std::shared_ptr<const>, QImage); the model
// is immutable and shared the same way, so a view may read it on the GUI thread.

#include "imaging/ink.h"
#include "model/model_file.h"
#include "model/recognizer.h"
#include "reading/reader.h"
#include "service/model_loading.h"

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QRectF>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>
#include <utility>
#include <vector>

namespace inklens::service {

// Milliseconds spent on one request (the stages are reading::Reading's).
struct StageTimes
{
    double waitMs = 0;       // recognize() -> the worker takes it (queue, previous job)
    double normalizeMs = 0;  // ink rasterized / picture normalized to the model's height
    double networkMs = 0;    // Crnn::forward (with the probe)
    double decodeMs = 0;     // CTC decoding, character spans (several lines: the sums)
    double totalMs = 0;      // recognize() -> the result reaches the GUI thread
};

// One line of ink read on its own (ink with several lines, imaging::splitInkLines).
struct InkLineResult
{
    QRectF box;  // the line's strokes' bounds, in the ink's units
    std::shared_ptr<const model::Recognition> recognition;
};

struct RecognitionResult
{
    quint64 generation = 0;
    // What the inspection views show: the line read. For ink with several lines, the line
    // the user wrote last (the one holding the last stroke). Never null in recognized().
    std::shared_ptr<const model::Recognition> recognition;
    // Ink with several lines, read line by line (service::readInkPage): each line, top to
    // bottom, and all of them as one text for the text panel (joinLineRecognitions: the
    // lines joined by "\n"). Empty / null when the ink was one line or a picture was read.
    std::vector<InkLineResult> lines;
    std::shared_ptr<const model::Recognition> paragraph;
    // Where recognition's characters are in paragraph's (first, count); {0, -1}: all of text().
    std::pair<int, int> inspectedChars{0, -1};
    // What the text panel shows: paragraph when there is one, else recognition.
    std::shared_ptr<const model::Recognition> text() const
    {
        return paragraph ? paragraph : recognition;
    }
    // What the network read (for ink with several lines: recognition's line): Format_Grayscale8, the model's input height, ink dark (0) on
    // white (255): pixel = 255 * (1 - ink) (lineImageToQImage). Its columns are Recognition's
    // input columns; the exact pixels are Recognition::input. Null when there was no ink.
    QImage lineImage;
    StageTimes times;
};

// The readings of several lines as one (for the text panel): text and characters joined
// by "\n" (a character of confidence 1 between two lines), confidence the geometric mean of
// all characters', one alternative (the joined text, its log-probabilities summed); no
// posteriors or pixels.
std::shared_ptr<const model::Recognition> joinLineRecognitions(
    const std::vector<std::shared_ptr<const model::Recognition>>& lines);

class RecognitionWorker;
struct RecognitionRequest;

class RecognitionService : public QObject
{
    Q_OBJECT
public:
    enum class ModelState { None, Loading, Ready, Failed };
    Q_ENUM(ModelState)

    // Starts the worker thread; no model yet (see loadModel / setModel).
    explicit RecognitionService(QObject* parent = nullptr);
    // Cancels the running request, stops the thread and waits for it.
    ~RecognitionService() override;

    // Loads a model file on the worker. An empty path means defaultModelPath(); nothing
    // found or a bad file -> modelFailed(message), and recognition stays off (or keeps
    // the previous model) while the rest of the application works.
    void loadModel(const QString& path = {});
    // Uses a model already in memory (tests, a fine-tuned copy). Queued like loadModel.
    void setModel(std::shared_ptr<const model::Model> model, const QString& source);

    ModelState modelState() const { return m_modelState; }
    QString modelMessage() const { return m_modelMessage; }  // the source, or why it failed
    std::shared_ptr<const model::Model> model() const { return m_model; }

    // Normalization, decoder, beam and probe for the next requests. Default: ReadOptions'
    // defaults with the probe on (the inspection views read Recognition::probe). The word
    // list comes from setWordList() unless options.lexicon is set; height stays the model's.
    void setOptions(const reading::ReadOptions& options) { m_options = options; }
    reading::ReadOptions options() const { return m_options; }
    // options() with what the worker decodes with besides: the word list and, for the
    // automatic writing language, every language (as of the last modelLoaded or
    // wordListLoaded). For other readers of model() that must read as the window does
    // (the page session).
    reading::ReadOptions decodingOptions() const;

    // A word list for the beam search (UTF-8 text, words separated by spaces or lines;
    // model::loadLexicon), read on the worker for the model's charset and rebuilt for the
    // charset of every model loaded after it. An empty path means none. The list is in
    // effect for requests made after wordListLoaded(path, words); a file that does not load
    // gives wordListFailed(message) and the list in use stays. Before any model is loaded
    // the path is kept and read when one arrives.
    void setWordList(const QString& path);
    QString wordList() const { return m_wordList; }  // the path in effect, empty = none

    // The language of the writing (writing_language.h: "en", "fr", "de", "es"; "" = the
    // model's own language model): its language model, lang/<code>.lm beside the model
    // file, or the model's own when there is none. A model read from a file is read again
    // with it (modelLoaded follows; languageModelFailed when the language's file does not
    // load or was built for another charset: the model's own is used). The word list is
    // the caller's (setWordList).
    void setWritingLanguage(const QString& code);
    QString writingLanguage() const { return m_writingLanguage; }
    // The language model file of the model in use (empty: none, or a model set in memory).
    QString languageModelPath() const { return m_languageModelPath; }

    // Queues a request and returns its generation. Empty ink (or a picture without ink)
    // gives the empty reading: text "", confidence 1, a null lineImage (reading/reader.h).
    // Ink that splits into several lines (imaging::splitInkLines) is read line by line
    // (RecognitionResult::lines, paragraph); ink of one line is read as one, as before.
    quint64 recognize(const imaging::Ink& ink);
    // A picture of one text line (any format; dark ink on light paper).
    quint64 recognize(const QImage& line);
    // Stops the running request (its flag is polled between layers) and forgets any
    // request not finished: no result arrives until the next recognize().
    void cancel();

    bool busy() const { return m_wanted != 0; }           // a wanted result is still coming
    quint64 generation() const { return m_generation; }   // of the newest request
    quint64 droppedResults() const { return m_dropped; }  // stale results thrown away

signals:
    void recognized(const inklens::service::RecognitionResult& result);
    void failed(quint64 generation, const QString& message);
    // A request stopped by its flag after it had started (cancel() or a newer request).
    void cancelled(quint64 generation);
    void busyChanged(bool busy);
    void modelLoaded(std::shared_ptr<const inklens::model::Model> model, const QString& source);
    void modelFailed(const QString& message);
    // The model loaded, but the language model beside it did not (it reads without one).
    void languageModelFailed(const QString& message);
    // A word list is in use (path empty and words 0: none any more).
    void wordListLoaded(const QString& path, int words);
    void wordListFailed(const QString& message);

private:
    quint64 submit(std::shared_ptr<RecognitionRequest> request);
    void deliver(const inklens::service::RecognitionResult& result);
    void onWorkerFailed(quint64 generation, const QString& message);
    void onWorkerCancelled(quint64 generation);
    void onModelLoaded(std::shared_ptr<const inklens::model::Model> model, const QString& source);
    void onModelFailed(const QString& message);
    void onWordListLoaded(const QString& path, int words);
    void setWanted(quint64 generation);

    QThread m_thread;
    RecognitionWorker* m_worker = nullptr;            // lives on m_thread; deleted when it finishes
    std::atomic<quint64> m_newest{0};                 // read by the worker to skip stale requests
    std::shared_ptr<std::atomic_bool> m_runningFlag;  // cancel flag of the newest request
    quint64 m_generation = 0;
    quint64 m_wanted = 0;  // generation whose result is awaited, 0 = none
    quint64 m_dropped = 0;
    qint64 m_wantedSinceNs = 0;  // when the wanted request was made (steady clock)
    reading::ReadOptions m_options;
    DecodingInUse m_decoding;  // the worker's, as of its last decodingInUse
    ModelState m_modelState = ModelState::None;
    QString m_modelMessage;
    std::shared_ptr<const model::Model> m_model;
    QString m_wordList;
    QString m_writingLanguage;
    QString m_languageModelPath;
};

}  // namespace inklens::service

Q_DECLARE_METATYPE(inklens::service::DecodingInUse)
Q_DECLARE_METATYPE(inklens::service::RecognitionResult)
Q_DECLARE_METATYPE(std::shared_ptr<const inklens::model::Model>)
Q_DECLARE_METATYPE(std::shared_ptr<const inklens::model::Recognition>)
