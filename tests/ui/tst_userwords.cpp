// The words on screen are the user's: no design-document jargon ("seed strategy C", "seed
// Diagram 3") in any text, tooltip or help of the settings dialog and the charts.
#include "ChartsPanel.h"
#include "SettingsDialog.h"
#include "SettingsStore.h"
#include "SettingsTexts.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QRegularExpression>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;

namespace {

// Every text a widget tree shows or explains itself with.
QStringList textsOf(const QWidget& root)
{
    QStringList out;
    QList<const QWidget*> widgets{&root};
    for (const QWidget* w : root.findChildren<QWidget*>())
        widgets.append(w);
    for (const QWidget* w : std::as_const(widgets)) {
        out << w->toolTip() << w->whatsThis() << w->statusTip() << w->accessibleDescription();
        if (auto* label = qobject_cast<const QLabel*>(w))
            out << label->text();
        if (auto* button = qobject_cast<const QAbstractButton*>(w))
            out << button->text();
        if (auto* combo = qobject_cast<const QComboBox*>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                out << combo->itemText(i) << combo->itemData(i, Qt::ToolTipRole).toString();
        }
    }
    return out;
}

void verifyNoJargon(const QStringList& texts)
{
    static const QRegularExpression jargon(u"\\bseed\\b|\\bdiagram\\b|strategy [ABC]\\b"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    for (const QString& t : texts)
        QVERIFY2(!jargon.match(t).hasMatch(), qPrintable(t));
}

} // namespace

class TstUserWords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settingsDialogSpeaksPlainly()
    {
        ui::DashboardSettings settings;
        ui::SettingsDialog dialog(settings, {});
        QStringList texts = textsOf(dialog);
        QVERIFY(texts.size() > 20);
        for (auto s : {monitor::HeartbeatStrategy::Ticker, monitor::HeartbeatStrategy::Rotation,
                       monitor::HeartbeatStrategy::Hybrid, monitor::HeartbeatStrategy::None})
            texts << ui::settings_text::strategyExplanation(s) << ui::settings_text::strategyLabel(s);
        for (const QString& field : {u"readDeadline"_s, u"contextTimeout"_s, u"heartbeatEvery"_s,
                                     u"strategy"_s, u"taskTimeout"_s, u"cleanupEvery"_s, u"csvRaw"_s})
            texts << ui::settings_text::fieldToolTip(field);
        verifyNoJargon(texts);
    }
    void chartsSpeakPlainly()
    {
        ui::ChartsPanel panel;
        verifyNoJargon(textsOf(panel));
    }
};

QTEST_MAIN(TstUserWords)
#include "tst_userwords.moc"
