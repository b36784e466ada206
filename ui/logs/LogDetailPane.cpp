#include "LogDetailPane.h"

#include "LogLineDetail.h"
#include "LogMessage.h"
#include "LogModel.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

LogDetailPane::LogDetailPane(const LogModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setObjectName(u"logDetail"_s);
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(u"logDetailText"_s);
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Selected log line"));
    m_text->setToolTip(tr("The selected line, whole (JSON pretty-printed). Shift+Tab: back to the lines"));
    m_text->setPlaceholderText(tr("Select a line to see it whole here"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addWidget(m_text, 1);
    showRow(-1);
}

void LogDetailPane::showRow(int row)
{
    if (row < 0 || row >= m_model.rowCount() || !m_model.isLineAvailable(row)) {
        m_row = -1;
        m_header->setText(tr("No line selected"));
        m_text->clear();
        return;
    }
    m_row = row;
    const QModelIndex message = m_model.index(row, LogModel::MessageColumn);
    const QByteArray bytes = message.data(LogModel::RawRole).toByteArray();
    bool json = false;
    const QString text = LogLineDetail::text(bytes, &json);
    const bool isStderr = message.data(LogModel::StreamRole).toInt() == int(docker::LogStreamKind::Stderr);
    m_header->setText(tr("%1 · %2 · %3 · %4 bytes%5")
                          .arg(m_model.timeText(row), m_model.containerName(row),
                               isStderr ? u"stderr"_s : u"stdout"_s, QString::number(bytes.size()),
                               json ? tr(" · JSON") : QString()));
    m_text->setPlainText(text);
}

QString LogDetailPane::messageText() const
{
    return m_text->toPlainText();
}

QString LogDetailPane::headerText() const
{
    return m_header->text();
}

} // namespace dockpulse::ui
