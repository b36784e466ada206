// What the tasks table's colours claim: a green heartbeat age means "streaming and on time", so
// a task that is not streaming never shows one; a red error count means "failing now", so
// errors that are over (a stall that resumed) are counted but not red.
#include "StatusColors.h"
#include "TasksModel.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::monitor::TaskSnapshot;
using dockpulse::monitor::TaskState;
using dockpulse::ui::StatusColors;
using dockpulse::ui::TasksModel;
using Health = StatusColors::Health;

Q_DECLARE_METATYPE(TaskState)

namespace {
TaskSnapshot task(TaskState state, qint64 ageMs, qint64 errors = 0)
{
    TaskSnapshot t;
    t.task = u"container_aaaaaaaaaaaa"_s;
    t.host = u"local"_s;
    t.containerId = QString(64, u'a');
    t.containerName = u"web"_s;
    t.state = state;
    t.heartbeatAgeMs = ageMs;
    t.errors = errors;
    t.lastError = errors ? u"HTTP 500: boom"_s : QString();
    return t;
}
} // namespace

class TestTaskColours : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ageColourOnlyWhileStreaming_data()
    {
        QTest::addColumn<TaskState>("state");
        QTest::addColumn<qint64>("ageMs");
        QTest::addColumn<int>("health");
        // heartbeat every 30 s, timeout 300 s
        QTest::newRow("streaming, fresh") << TaskState::Streaming << qint64(1000) << int(Health::Healthy);
        QTest::newRow("streaming, late") << TaskState::Streaming << qint64(31000) << int(Health::Warning);
        QTest::newRow("exited, fresh") << TaskState::Exited << qint64(1000) << int(Health::Idle);
        QTest::newRow("exited, old") << TaskState::Exited << qint64(250000) << int(Health::Idle);
        QTest::newRow("starting") << TaskState::Starting << qint64(10) << int(Health::Idle);
        QTest::newRow("stalled, fresh") << TaskState::Stalled << qint64(1000) << int(Health::Warning);
        QTest::newRow("stalled, near timeout") << TaskState::Stalled << qint64(250000) << int(Health::Danger);
        QTest::newRow("stopped") << TaskState::Stopped << qint64(1000) << int(Health::Inactive);
        QTest::newRow("timed out") << TaskState::TimedOut << qint64(1000) << int(Health::Inactive);
    }
    void ageColourOnlyWhileStreaming()
    {
        QFETCH(TaskState, state);
        QFETCH(qint64, ageMs);
        QFETCH(int, health);
        TasksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThresholds(30000, 300000);
        model.setSnapshots({task(state, ageMs)});
        const QModelIndex age = model.index(0, TasksModel::HeartbeatAgeMs);
        QCOMPARE(age.data(TasksModel::HealthRole).toInt(), health);
        const QPalette palette = QGuiApplication::palette();
        const QColor green = StatusColors::foreground(Health::Healthy, palette);
        if (state != TaskState::Streaming)
            QVERIFY2(age.data(Qt::ForegroundRole).value<QColor>() != green, "green for a task not streaming");
        if (health == int(Health::Idle)) {
            // Neutral: the palette's text, no tint; the row is not greyed like a finished one.
            QCOMPARE(age.data(Qt::ForegroundRole).value<QColor>(), palette.color(QPalette::Text));
            QVERIFY(!age.data(Qt::BackgroundRole).isValid());
            QVERIFY(!model.index(0, TasksModel::Lines).data(Qt::ForegroundRole).isValid());
        }
    }

    void errorsRedOnlyWhileCurrent_data()
    {
        QTest::addColumn<TaskState>("state");
        QTest::addColumn<qint64>("errors");
        QTest::addColumn<bool>("red");
        QTest::addColumn<QString>("toolTipHas");
        QTest::newRow("no errors") << TaskState::Streaming << qint64(0) << false << QString();
        QTest::newRow("stall resumed") << TaskState::Streaming << qint64(2) << false << u"none now"_s;
        QTest::newRow("exited after a stall") << TaskState::Exited << qint64(1) << false << u"none now"_s;
        QTest::newRow("stalled now") << TaskState::Stalled << qint64(1) << true << u"now"_s;
        QTest::newRow("failed") << TaskState::Failed << qint64(1) << true << u"now"_s;
    }
    void errorsRedOnlyWhileCurrent()
    {
        QFETCH(TaskState, state);
        QFETCH(qint64, errors);
        QFETCH(bool, red);
        QFETCH(QString, toolTipHas);
        TasksModel model;
        model.setSnapshots({task(state, 1000, errors)});
        const QModelIndex cell = model.index(0, TasksModel::Errors);
        QCOMPARE(cell.data().toString(), QString::number(errors));
        const QColor danger = StatusColors::foreground(Health::Danger, QGuiApplication::palette());
        QCOMPARE(cell.data(Qt::ForegroundRole).value<QColor>() == danger, red);
        if (!toolTipHas.isEmpty())
            QVERIFY2(cell.data(Qt::ToolTipRole).toString().contains(toolTipHas),
                     qPrintable(cell.data(Qt::ToolTipRole).toString()));
        // The last error of a task that recovered is told apart from a current one.
        const QString lastError = model.index(0, TasksModel::LastError).data().toString();
        if (errors && !red)
            QVERIFY2(lastError.startsWith(u"(resolved) "_s), qPrintable(lastError));
        else if (errors)
            QCOMPARE(lastError, u"HTTP 500: boom"_s);
    }

    // A stall that resumes changes the colour of the Errors cell: the view is told.
    void resumingRecoloursErrors()
    {
        TasksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshots({task(TaskState::Stalled, 1000, 1)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setSnapshots({task(TaskState::Streaming, 1000, 1)});
        bool errorsCovered = false;
        for (const QList<QVariant>& args : std::as_const(changed)) {
            const auto tl = args[0].toModelIndex();
            const auto br = args[1].toModelIndex();
            errorsCovered |= tl.column() <= TasksModel::Errors && br.column() >= TasksModel::Errors;
        }
        QVERIFY(errorsCovered);
    }
};

QTEST_MAIN(TestTaskColours)
#include "tst_taskcolours.moc"
