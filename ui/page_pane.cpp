#include "page_pane.h"

#include "page_lines.h"
#include "page_view.h"
#include "service/line_loader.h"
#include "service/page_document.h"
#include "service/page_session.h"

#include <QHBoxLayout>
#include <QSettings>
#include <QSplitter>

namespace inklens::ui {

namespace {
const QString kSplitterKey = QStringLiteral("pageView/splitter");
const QString kFitKey = QStringLiteral("pageView/fit");
}  // namespace

PagePane::PagePane(service::PageSession& session, QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_document(new service::PageDocument(this)),
      m_view(new PageView(this)),
      m_list(new PageLineList(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("pagePane"));
    m_splitter->setObjectName(QStringLiteral("pageSplitter"));
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_list);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_view->setDocument(m_document);
    m_list->setDocument(m_document);

    QSettings settings;
    if (!m_splitter->restoreState(settings.value(kSplitterKey).toByteArray()))
        m_splitter->setSizes({600, 400});  // the page wider than its texts (scaled to fit)
    m_view->setFitToWindow(settings.value(kFitKey, true).toBool());
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this] { QSettings().setValue(kSplitterKey, m_splitter->saveState()); });
    connect(m_view, &PageView::fitChanged, this,
            [](bool fit) { QSettings().setValue(kFitKey, fit); });

    // Selection follows between the page and the list; a click shows the line's reading.
    connect(m_view, &PageView::selectionChanged, m_list, &PageLineList::setSelectedId);
    connect(m_view, &PageView::lineClicked, this, [this](quint64 id) { inspect(id, true); });
    connect(m_list, &PageLineList::lineChosen, this, [this](quint64 id) {
        m_view->setSelectedId(id);
        inspect(id, true);
    });
    connect(m_document, &service::PageDocument::linesChanged, this, [this] {
        m_list->setSelectedId(m_view->selectedId());
        queueNewLines();
    });

    using Session = service::PageSession;
    connect(&m_session, &Session::analyzed, this,
            [this](quint64 page, const imaging::PageLayout& layout, const QString& error) {
        if (page != m_session.page())
            return;
        m_document->setPage(m_size, layout.lines, m_path);
        emit analysed(m_document->count(), layout.rows(), error);
    });
    connect(&m_session, &Session::lineRead, this, &PagePane::onLineRead);
}

PagePane::~PagePane() = default;

void PagePane::open(const service::PageImage& image, const QString& name, const QString& path,
                    const QImage& shown)
{
    m_reading = false;
    m_seen.clear();
    m_name = name;
    m_path = path;
    m_size = image.originalSize;
    m_document->setPage(m_size, {}, path);
    m_view->setPicture(shown.isNull() ? image.gray : shown, m_size);
    m_session.setPage(image);
    m_session.analyze();
}

void PagePane::clear()
{
    m_session.cancel();
    m_reading = false;
    m_seen.clear();
    m_name.clear();
    m_path.clear();
    m_size = {};
    m_document->clear();
    m_view->setPicture({}, {});
}

bool PagePane::hasPage() const
{
    return !m_size.isEmpty();
}

void PagePane::startReading(bool again)
{
    m_reading = true;
    std::vector<service::PageSession::LineJob> jobs;
    for (int row = 0; row < m_document->count(); ++row) {
        const service::PageDocLine& line = m_document->at(row);
        m_seen.insert(line.id);
        if (again || !line.read)
            jobs.emplace_back(line.id, line.line);
    }
    m_session.read(jobs);
}

void PagePane::cancelReading()
{
    m_session.cancel();
}

void PagePane::queueNewLines()
{
    if (!m_reading)
        return;
    std::vector<service::PageSession::LineJob> jobs;
    for (quint64 id : m_document->unreadIds()) {
        if (m_seen.insert(id).second)
            jobs.emplace_back(id, m_document->find(id)->line);
    }
    m_session.readFirst(jobs);  // an edit: at once, before the lines still waiting
}

void PagePane::onLineRead(const service::PageLineResult& result)
{
    if (!result.probed)
        m_document->setReading(result.id, result.reading);
    if (result.id == m_view->selectedId())
        emit lineInspected(result.reading->recognition, result.lineImage);
}

void PagePane::inspect(quint64 id, bool probe)
{
    const service::PageDocLine* line = m_document->find(id);
    if (!line || !line->reading) {
        if (!line)
            emit lineInspected(nullptr, {});
        return;  // shown when it is read
    }
    emit lineInspected(line->reading->recognition, service::lineImageToQImage(line->reading->line));
    if (probe)  // the feature maps and LSTM states, read again with the probe on
        m_session.readProbed({id, line->line});
}

}  // namespace inklens::ui
