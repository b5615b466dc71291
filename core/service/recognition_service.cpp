#include "recognition_service.h"

#include "service/line_loader.h"
#include "service/model_loading.h"
#include "service/page_reading.h"

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace inklens::service {

namespace {

using Clock = std::chrono::steady_clock;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

double msBetween(qint64 fromNs, qint64 toNs)
{
    return double(toNs - fromNs) / 1e6;
}

}  // namespace

std::shared_ptr<const model::Recognition> joinLineRecognitions(
    const std::vector<std::shared_ptr<const model::Recognition>>& lines)
{
    auto joined = std::make_shared<model::Recognition>();
    model::Alternative best;
    best.score = 0;
    double logConfidence = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const model::Recognition& r = *lines[i];
        if (i > 0) {
            joined->text += '\n';
            model::RecognizedChar newline;
            newline.text = "\n";
            newline.confidence = 1;
            joined->chars.push_back(newline);
        }
        joined->text += r.text;
        for (const model::RecognizedChar& c : r.chars) {
            joined->chars.push_back(c);
            logConfidence += std::log(std::max(c.confidence, 1e-6f));
        }
        if (!r.nbest.empty()) {
            best.logProb += r.nbest.front().logProb;
            best.score += r.nbest.front().score;
        }
    }
    best.text = joined->text;
    joined->nbest = {best};
    const std::size_t letters = joined->chars.size() - (lines.empty() ? 0 : lines.size() - 1);
    joined->confidence = letters ? float(std::exp(logConfidence / double(letters))) : 1.f;
    return joined;
}

// One request as it travels to the worker. Immutable once queued, except the flag.
struct RecognitionRequest
{
    quint64 generation = 0;
    bool isInk = true;
    imaging::Ink ink;
    QImage image;
    reading::ReadOptions options;
    std::shared_ptr<std::atomic_bool> cancel;
    qint64 requestedNs = 0;
};

// Lives on the service's thread. Owns the reader (and through it the model); every
// member function runs on that thread, called through queued invocations.
class RecognitionWorker : public QObject
{
    Q_OBJECT
public:
    explicit RecognitionWorker(const std::atomic<quint64>* newest) : m_newest(newest) { }

    void loadModel(const QString& requestedPath)
    {
        ModelRequest request;
        request.path = requestedPath;
        use(request, [](const ModelRequest& r) { return service::loadModel(r); });
    }

    // The language of the writing (writing_language.h): the model in use, read from a
    // file, gets the language's language model (the model file is not read again: it may
    // have been replaced or damaged since). A model set in memory keeps its own.
    void setLanguage(const QString& code)
    {
        if (code == m_language)
            return;
        m_language = code;
        if (m_modelPath.isEmpty() || !m_reader)
            return;
        ModelRequest request;
        request.path = m_modelPath;
        const std::shared_ptr<const model::Model> current = m_reader->modelPtr();
        use(request,
            [current](const ModelRequest& r) { return service::withLanguageModel(*current, r); });
    }

    // Loads with the writing language's language model (lang/<code>.lm) or the one beside
    // the model file (<model>.lm), when there is one; one that does not load is reported
    // and the model reads with its own, or without.
    template<typename Load>
    void use(ModelRequest request, Load load)
    {
        request.language = m_language;
        LoadedModel loaded = load(request);
        QString lmProblem;
        if (!loaded.ok() && loaded.languageModelError) {
            lmProblem = loaded.error;
            request.language.clear();
            loaded = load(request);
        }
        if (!loaded.ok()) {
            emit modelFailed(loaded.error);
            return;
        }
        if (lmProblem.isEmpty())
            lmProblem = loaded.languageModelWarning;
        if (!lmProblem.isEmpty())
            emit languageModelFailed(lmProblem);
        emit languageModelInUse(loaded.languageModelPath);
        m_languages = std::move(loaded.languages);  // filled for the automatic language
        install(std::move(loaded.model), loaded.path);
        m_modelPath = loaded.path;
    }

    void install(std::shared_ptr<const model::Model> model, const QString& source)
    {
        m_modelPath.clear();  // loadModel sets it after
        if (!model) {
            emit modelFailed(QCoreApplication::translate("inklens::service", "no model given"));
            return;
        }
        m_reader = std::make_unique<reading::Reader>(model);
        emit modelLoaded(std::move(model), source);
        // The word list's labels are the charset's: read it again for the new model.
        // The old charset's list goes first (reported when one was in use), so a failure
        // is the last word.
        if (!m_wordListPath.isEmpty()) {
            const QString path = m_wordListPath;
            const bool wasInUse = m_lexicon != nullptr;
            m_lexicon.reset();
            m_wordListPath.clear();
            if (wasInUse)
                emit wordListLoaded({}, 0);
            setWordList(path);
        }
        emit decodingInUse({m_lexicon, m_languages});
    }

    // Reads the word list for the current model's charset (or only keeps the path when
    // there is no model yet). On failure the list in use stays.
    void setWordList(const QString& path)
    {
        if (path.isEmpty()) {
            m_lexicon.reset();
            m_wordListPath.clear();
            emit decodingInUse({m_lexicon, m_languages});
            emit wordListLoaded({}, 0);
            return;
        }
        if (!m_reader) {
            m_wordListPath = path;
            return;
        }
        LoadedWordList list = loadWordList(path, m_reader->model().charset);
        if (!list.lexicon) {
            emit wordListFailed(
                QCoreApplication::translate("inklens::service", "cannot use the word list %1: %2")
                    .arg(path, list.error));
            return;
        }
        m_lexicon = std::move(list.lexicon);
        m_wordListPath = path;
        emit decodingInUse({m_lexicon, m_languages});
        emit wordListLoaded(path, int(m_lexicon->size()));
    }

    void run(const std::shared_ptr<const RecognitionRequest>& request)
    {
        const quint64 generation = request->generation;
        // Newest wins: a request overtaken while it waited is not even started.
        if (generation != m_newest->load() || request->cancel->load())
            return;
        if (!m_reader) {
            emit failed(generation,
                        QCoreApplication::translate("inklens::service", "no model loaded"));
            return;
        }
        RecognitionResult result;
        result.generation = generation;
        const qint64 startNs = nowNs();
        result.times.waitMs = msBetween(request->requestedNs, startNs);
        try {
            reading::ReadOptions options = request->options;
            options.height = 0;  // the model's
            DecodingInUse{m_lexicon, m_languages}.useIn(options);
            reading::Reading reading;
            // Ink with several lines: line by line. One line (the common case) stays the
            // single read below; the split costs well under a millisecond.
            if (request->isInk) {
                std::vector<imaging::InkLine> lines;
                if (isInkPage(request->ink, &lines)) {
                    readLines(*request, lines, options, result);
                    return;
                }
                reading = m_reader->read(request->ink, options, request->cancel.get());
            } else {
                const QImage gray = request->image.convertToFormat(QImage::Format_Grayscale8);
                reading = m_reader->read(gray.isNull() ? cv::Mat() : grayMat(gray), options,
                                         request->cancel.get());
            }
            if (reading.cancelled) {
                emit cancelled(generation);
                return;
            }
            result.times.normalizeMs = reading.normalizeMs;
            result.times.networkMs = reading.networkMs;
            result.times.decodeMs = reading.decodeMs;
            result.lineImage = lineImageToQImage(reading.line);
            result.recognition = std::move(reading.recognition);
            emit finished(result);
        } catch (const std::exception& e) {
            emit failed(generation, QString::fromUtf8(e.what()));
        }
    }

private:
    // Ink of several lines: each read (readInkPage), the last written line inspected.
    void readLines(const RecognitionRequest& request, const std::vector<imaging::InkLine>& lines,
                   const reading::ReadOptions& options, RecognitionResult& result)
    {
        PageReading page = readInkPage(*m_reader, request.ink, options, {}, request.cancel.get());
        if (page.cancelled) {
            emit cancelled(result.generation);
            return;
        }
        if (!page.ok() || page.lines.empty()) {
            emit failed(result.generation, page.error);
            return;
        }
        const int lastStroke = int(request.ink.strokes.size()) - 1;
        std::size_t last = 0;
        std::vector<std::shared_ptr<const model::Recognition>> recognitions;
        // readInkPage splits the same ink the same way: its lines are these.
        for (std::size_t i = 0; i < page.lines.size() && i < lines.size(); ++i) {
            const imaging::InkLine& line = lines[i];
            const reading::Reading& r = page.lines[i].reading;
            const cv::Rect2f& b = line.box;
            result.lines.push_back({QRectF(b.x, b.y, b.width, b.height), r.recognition});
            recognitions.push_back(r.recognition);
            if (std::find(line.strokes.begin(), line.strokes.end(), lastStroke)
                != line.strokes.end())
                last = i;
            result.times.normalizeMs += r.normalizeMs;
            result.times.networkMs += r.networkMs;
            result.times.decodeMs += r.decodeMs;
        }
        result.recognition = page.lines[last].reading.recognition;
        int first = 0;  // the line's first character in the joined text ("\n" between lines)
        for (std::size_t i = 0; i < last; ++i)
            first += int(page.lines[i].reading.recognition->chars.size()) + 1;
        result.inspectedChars = {first, int(result.recognition->chars.size())};
        result.lineImage = lineImageToQImage(page.lines[last].reading.line);
        result.paragraph = joinLineRecognitions(recognitions);
        emit finished(result);
    }

signals:
    void finished(const inklens::service::RecognitionResult& result);
    void failed(quint64 generation, const QString& message);
    void cancelled(quint64 generation);
    void modelLoaded(std::shared_ptr<const inklens::model::Model> model, const QString& source);
    void languageModelFailed(const QString& message);
    void languageModelInUse(const QString& path);
    void modelFailed(const QString& message);
    void wordListLoaded(const QString& path, int words);
    void wordListFailed(const QString& message);
    void decodingInUse(const inklens::service::DecodingInUse& decoding);

private:
    const std::atomic<quint64>* m_newest;
    QString m_language;  // the writing language, "" = the model's own language model
    // m_language kAutomaticLanguage: every language (for m_reader's model); empty otherwise.
    std::vector<reading::DecodingLanguage> m_languages;
    QString m_modelPath;  // the file the model in use was read from; empty: set in memory
    std::unique_ptr<reading::Reader> m_reader;
    std::shared_ptr<const ctc::Lexicon> m_lexicon;  // for m_reader's charset
    QString m_wordListPath;                         // of m_lexicon, or waiting for a model
};

RecognitionService::RecognitionService(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<RecognitionResult>();
    qRegisterMetaType<DecodingInUse>();
    qRegisterMetaType<std::shared_ptr<const model::Model>>();
    qRegisterMetaType<std::shared_ptr<const model::Recognition>>();
    m_options.probe = true;

    m_thread.setObjectName(QStringLiteral("InkLens recognition"));
    m_worker = new RecognitionWorker(&m_newest);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &RecognitionWorker::finished, this, &RecognitionService::deliver);
    connect(m_worker, &RecognitionWorker::failed, this, &RecognitionService::onWorkerFailed);
    connect(m_worker, &RecognitionWorker::cancelled, this, &RecognitionService::onWorkerCancelled);
    connect(m_worker, &RecognitionWorker::modelLoaded, this, &RecognitionService::onModelLoaded);
    connect(m_worker, &RecognitionWorker::modelFailed, this, &RecognitionService::onModelFailed);
    connect(m_worker, &RecognitionWorker::languageModelFailed, this,
            &RecognitionService::languageModelFailed);
    connect(m_worker, &RecognitionWorker::languageModelInUse, this,
            [this](const QString& path) { m_languageModelPath = path; });
    connect(m_worker, &RecognitionWorker::wordListLoaded, this,
            &RecognitionService::onWordListLoaded);
    connect(m_worker, &RecognitionWorker::decodingInUse, this,
            [this](const DecodingInUse& decoding) { m_decoding = decoding; });
    connect(m_worker, &RecognitionWorker::wordListFailed, this,
            &RecognitionService::wordListFailed);
    m_thread.start();
}

RecognitionService::~RecognitionService()
{
    m_newest.store(~quint64(0));  // every queued request is now stale
    if (m_runningFlag)
        m_runningFlag->store(true);
    m_thread.quit();
    m_thread.wait();
}

void RecognitionService::loadModel(const QString& path)
{
    m_modelState = ModelState::Loading;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, path] { worker->loadModel(path); }, Qt::QueuedConnection);
}

void RecognitionService::setModel(std::shared_ptr<const model::Model> model, const QString& source)
{
    m_modelState = ModelState::Loading;
    m_languageModelPath.clear();
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, model = std::move(model), source] { worker->install(model, source); },
        Qt::QueuedConnection);
}

void RecognitionService::setWritingLanguage(const QString& code)
{
    m_writingLanguage = code;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, code] { worker->setLanguage(code); }, Qt::QueuedConnection);
}

void RecognitionService::setWordList(const QString& path)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, path] { worker->setWordList(path); }, Qt::QueuedConnection);
}

reading::ReadOptions RecognitionService::decodingOptions() const
{
    reading::ReadOptions options = m_options;
    m_decoding.useIn(options);
    return options;
}

void RecognitionService::onWordListLoaded(const QString& path, int words)
{
    m_wordList = path;
    emit wordListLoaded(path, words);
}

quint64 RecognitionService::recognize(const imaging::Ink& ink)
{
    auto request = std::make_shared<RecognitionRequest>();
    request->isInk = true;
    request->ink = ink;
    return submit(std::move(request));
}

quint64 RecognitionService::recognize(const QImage& line)
{
    auto request = std::make_shared<RecognitionRequest>();
    request->isInk = false;
    request->image = line;
    return submit(std::move(request));
}

quint64 RecognitionService::submit(std::shared_ptr<RecognitionRequest> request)
{
    const quint64 generation = ++m_generation;
    if (m_runningFlag)
        m_runningFlag->store(true);  // the previous request can only give a stale result now
    request->generation = generation;
    request->options = m_options;
    request->cancel = std::make_shared<std::atomic_bool>(false);
    request->requestedNs = nowNs();
    m_runningFlag = request->cancel;
    m_wantedSinceNs = request->requestedNs;
    m_newest.store(generation);
    setWanted(generation);
    std::shared_ptr<const RecognitionRequest> queued = std::move(request);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, queued] { worker->run(queued); }, Qt::QueuedConnection);
    return generation;
}

void RecognitionService::cancel()
{
    if (m_runningFlag)
        m_runningFlag->store(true);
    setWanted(0);
}

void RecognitionService::setWanted(quint64 generation)
{
    const bool wasBusy = busy();
    m_wanted = generation;
    if (wasBusy != busy())
        emit busyChanged(busy());
}

void RecognitionService::deliver(const RecognitionResult& result)
{
    if (result.generation != m_wanted) {  // overtaken while it ran, or cancelled
        ++m_dropped;
        return;
    }
    RecognitionResult delivered = result;
    delivered.times.totalMs = msBetween(m_wantedSinceNs, nowNs());
    m_runningFlag.reset();
    setWanted(0);
    emit recognized(delivered);
}

void RecognitionService::onWorkerFailed(quint64 generation, const QString& message)
{
    if (generation != m_wanted)
        return;
    m_runningFlag.reset();
    setWanted(0);
    emit failed(generation, message);
}

void RecognitionService::onWorkerCancelled(quint64 generation)
{
    emit cancelled(generation);
}

void RecognitionService::onModelLoaded(std::shared_ptr<const model::Model> model,
                                       const QString& source)
{
    m_model = std::move(model);
    m_modelState = ModelState::Ready;
    m_modelMessage = source;
    emit modelLoaded(m_model, source);
}

void RecognitionService::onModelFailed(const QString& message)
{
    m_modelState = m_model ? ModelState::Ready : ModelState::Failed;
    m_modelMessage = message;
    emit modelFailed(message);
}

}  // namespace inklens::service

#include "recognition_service.moc"
