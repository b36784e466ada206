#include "LogModel.h"
#include "LogStore.h"
#include "LogUiTestSupport.h"
#include "StatusColors.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using dockpulse::docker::LogStreamKind;
using dockpulse::test::batchOf;
using dockpulse::test::kBaseNs;
using dockpulse::test::numbered;
using dockpulse::ui::LogModel;
using dockpulse::ui::LogStore;

namespace {

QStringList messages(const LogModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, LogModel::MessageColumn).data().toString());
    return out;
}

QStringList range(const QString& prefix, int first, int count)
{
    QStringList out;
    for (int i = first; i < first + count; ++i)
        out.append(prefix + QString::number(i));
    return out;
}

} // namespace

class TestLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<LogStore>(100);
        m_model = std::make_unique<LogModel>(*m_store);
        m_model->setFlushInterval(60'000); // the tests flush by hand unless they test the timer
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_store.reset();
    }

    void columnsAndHeaders()
    {
        QCOMPARE(m_model->columnCount(), int(LogModel::ColumnCount));
        QCOMPARE(m_model->headerData(LogModel::TimeColumn, Qt::Horizontal).toString(), u"Time"_s);
        QCOMPARE(m_model->headerData(LogModel::ContainerColumn, Qt::Horizontal).toString(), u"Container"_s);
        QCOMPARE(m_model->headerData(LogModel::StreamColumn, Qt::Horizontal).toString(), u"Stream"_s);
        QCOMPARE(m_model->headerData(LogModel::MessageColumn, Qt::Horizontal).toString(), u"Message"_s);
        for (int c = 0; c < LogModel::ColumnCount; ++c)
            QVERIFY(!m_model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }

    // Appends are applied once per flush: one insert for all the new lines, never a reset.
    void appendsCoalescedIntoOneInsert()
    {
        m_model->setTasks({u"t"_s});
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_store->append(u"t"_s, u"web"_s, numbered("l", 0, 3));
        m_store->append(u"other"_s, u"x"_s, numbered("o", 0, 3)); // not selected
        m_store->append(u"t"_s, u"web"_s, numbered("l", 3, 4));
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(m_model->hasPendingChanges());
        m_model->flush();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 6);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(messages(*m_model), range(u"l"_s, 0, 7));
        QVERIFY(!m_model->hasPendingChanges());
        m_model->flush(); // nothing pending: no signal
        QCOMPARE(inserted.count(), 1);
    }

    // A selected task the engine released: its buffer is gone, so the rows are rebuilt from the
    // other tasks at once, also with its lines still pending (no read of the freed buffer).
    void releasedTaskLeavesTheRows()
    {
        m_model->setTasks({u"a"_s, u"b"_s});
        m_store->append(u"a"_s, u"web"_s, numbered("a", 0, 3));
        m_store->append(u"b"_s, u"db"_s, numbered("b", 0, 2));
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 5);
        m_store->append(u"a"_s, u"web"_s, numbered("a", 3, 2)); // pending, not flushed
        m_store->releaseTask(u"a"_s);
        QCOMPARE(messages(*m_model), range(u"b"_s, 0, 2));
        m_model->flush();
        QCOMPARE(messages(*m_model), range(u"b"_s, 0, 2));
        m_store->append(u"b"_s, u"db"_s, numbered("b", 2, 1));
        m_model->flush();
        QCOMPARE(messages(*m_model), range(u"b"_s, 0, 3));
    }

    void timerFlushes()
    {
        m_model->setFlushInterval(20);
        m_model->setTasks({u"t"_s});
        QSignalSpy flushed(m_model.get(), &LogModel::flushed);
        for (int i = 0; i < 5; ++i)
            m_store->append(u"t"_s, {}, numbered("l", i * 10, 10));
        QCOMPARE(m_model->rowCount(), 0);
        QTRY_COMPARE(m_model->rowCount(), 50);
        QCOMPARE(flushed.count(), 1);
    }

    // Retention: the model keeps the store's newest lines, removing from the front once per flush.
    void retentionTrimsTheFront()
    {
        m_store->setRetention(10);
        m_model->setTasks({u"t"_s});
        m_store->append(u"t"_s, {}, numbered("l", 0, 8));
        m_model->flush();
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_store->append(u"t"_s, {}, numbered("l", 8, 4));
        m_store->append(u"t"_s, {}, numbered("l", 12, 3));
        m_model->flush();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 4); // l0..l4
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(messages(*m_model), range(u"l"_s, 5, 10));
        QCOMPARE(m_model->serialBase(), 5);

        // A burst larger than the cap between two flushes.
        m_store->append(u"t"_s, {}, numbered("l", 15, 35));
        m_model->flush();
        QCOMPARE(messages(*m_model), range(u"l"_s, 40, 10));

        // Lowering the retention trims the model at its next flush.
        m_store->setRetention(4);
        m_model->flush();
        QCOMPARE(messages(*m_model), range(u"l"_s, 46, 4));
    }

    // Between a trim and the next flush, rows whose lines are gone show nothing (no crash).
    void trimmedRowsBeforeFlushAreEmpty()
    {
        m_store->setRetention(5);
        m_model->setTasks({u"t"_s});
        m_store->append(u"t"_s, {}, numbered("l", 0, 5));
        m_model->flush();
        m_store->append(u"t"_s, {}, numbered("l", 5, 2));
        QCOMPARE(m_model->rowCount(), 5);
        QVERIFY(!m_model->isLineAvailable(0));
        QVERIFY(!m_model->index(0, LogModel::MessageColumn).data().isValid());
        QVERIFY(m_model->messageText(1).isEmpty());
        QCOMPARE(m_model->messageText(2), u"l2"_s);
        m_model->flush();
        QCOMPARE(messages(*m_model), range(u"l"_s, 2, 5));
    }

    void taskSwitchResets()
    {
        m_store->append(u"a"_s, u"ca"_s, numbered("a", 0, 5));
        m_store->append(u"b"_s, u"cb"_s, numbered("b", 0, 3));
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->setTasks({u"a"_s});
        QCOMPARE(messages(*m_model), range(u"a"_s, 0, 5));
        m_model->setTasks({u"b"_s});
        QCOMPARE(messages(*m_model), range(u"b"_s, 0, 3));
        QCOMPARE(reset.count(), 2);
        m_model->setTasks({u"b"_s, u"b"_s}); // the same set: nothing to do
        QCOMPARE(reset.count(), 2);
        m_model->setTasks({u"a"_s, u"b"_s});
        m_model->setTasks({u"b"_s, u"a"_s}); // another order, the same merge
        QCOMPARE(reset.count(), 3);
        m_model->setTasks({u"b"_s});
        QCOMPARE(reset.count(), 4);
        m_model->setTasks({});
        QCOMPARE(m_model->rowCount(), 0);
        m_store->append(u"b"_s, u"cb"_s, numbered("b", 3, 3));
        QVERIFY(!m_model->hasPendingChanges());
    }

    void taskWithoutLinesYet()
    {
        m_model->setTasks({u"later"_s});
        QCOMPARE(m_model->rowCount(), 0);
        m_store->append(u"later"_s, u"c"_s, numbered("x", 0, 2));
        m_model->flush();
        QCOMPARE(messages(*m_model), range(u"x"_s, 0, 2));
        QCOMPARE(m_model->index(0, LogModel::ContainerColumn).data().toString(), u"c"_s);
    }

    // Several tasks: merged by arrival, whether built at selection time or appended live.
    void multiTaskMergeOrder()
    {
        const QStringList expected{u"a0"_s, u"a1"_s, u"b0"_s, u"a2"_s, u"b1"_s, u"b2"_s, u"c0"_s, u"a3"_s};
        m_store->append(u"a"_s, u"ca"_s, batchOf({"a0", "a1"}));
        m_store->append(u"b"_s, u"cb"_s, batchOf({"b0"}));
        m_store->append(u"a"_s, u"ca"_s, batchOf({"a2"}));
        m_model->setTasks({u"b"_s, u"a"_s, u"c"_s});
        m_store->append(u"b"_s, u"cb"_s, batchOf({"b1", "b2"}));
        m_store->append(u"c"_s, u"cc"_s, batchOf({"c0"}));
        m_store->append(u"a"_s, u"ca"_s, batchOf({"a3"}));
        m_model->flush();
        QCOMPARE(messages(*m_model), expected);
        QCOMPARE(m_model->index(2, LogModel::ContainerColumn).data().toString(), u"cb"_s);
        QCOMPARE(m_model->index(2, LogModel::MessageColumn).data(LogModel::TaskRole).toString(), u"b"_s);

        // Rebuilt from the store in another selection order: the same merge.
        m_model->setTasks({});
        m_model->setTasks({u"c"_s, u"a"_s, u"b"_s});
        QCOMPARE(messages(*m_model), expected);
    }

    // The merged view holds the newest `retention` lines of the union; trims hit only its front.
    void multiTaskRetention()
    {
        m_store->setRetention(4);
        m_model->setTasks({u"a"_s, u"b"_s});
        m_store->append(u"a"_s, {}, batchOf({"a0", "a1"}));
        m_store->append(u"b"_s, {}, batchOf({"b0"}));
        m_store->append(u"a"_s, {}, batchOf({"a2", "a3"}));
        m_model->flush();
        QCOMPARE(messages(*m_model), (QStringList{u"a1"_s, u"b0"_s, u"a2"_s, u"a3"_s}));
        m_store->append(u"a"_s, {}, batchOf({"a4", "a5", "a6"}));
        m_store->append(u"b"_s, {}, batchOf({"b1"}));
        m_model->flush();
        QCOMPARE(messages(*m_model), (QStringList{u"a4"_s, u"a5"_s, u"a6"_s, u"b1"_s}));
        m_model->setTasks({u"b"_s});
        m_model->setTasks({u"b"_s, u"a"_s}); // rebuilt from the store: the same window
        QCOMPARE(messages(*m_model), (QStringList{u"a4"_s, u"a5"_s, u"a6"_s, u"b1"_s}));
    }

    void clearTask()
    {
        m_store->append(u"a"_s, {}, numbered("a", 0, 3));
        m_store->append(u"b"_s, {}, numbered("b", 0, 3));
        m_store->append(u"a"_s, {}, numbered("a", 3, 3));
        m_model->setTasks({u"a"_s, u"b"_s});
        QCOMPARE(m_model->rowCount(), 9);
        m_store->clearTask(u"a"_s); // rows in the middle: the model rebuilds
        m_model->flush();
        QCOMPARE(messages(*m_model), range(u"b"_s, 0, 3));
        m_store->append(u"a"_s, {}, numbered("a", 6, 1));
        m_model->flush();
        QCOMPARE(messages(*m_model), range(u"b"_s, 0, 3) << u"a6"_s);

        m_model->setTasks({u"b"_s});
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_store->clearTask(u"b"_s); // one task: a plain removal
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(reset.count(), 0);
    }

    void roles()
    {
        m_store->append(u"t"_s, u"web-1"_s,
                        batchOf({"<b>html</b>", "\x1b[31mred\x1b[0m\tx\x07", QByteArray("a\xff\0", 3)},
                                LogStreamKind::Stderr, kBaseNs));
        m_store->append(u"t"_s, u"web-1"_s, batchOf({"out"}, LogStreamKind::Stdout, kBaseNs + 5));
        m_model->setTasks({u"t"_s});
        auto at = [this](int row, int column, int role = Qt::DisplayRole) {
            return m_model->index(row, column).data(role);
        };
        // HTML-looking text is the text itself: the model hands out plain text only.
        QCOMPARE(at(0, LogModel::MessageColumn).toString(), u"<b>html</b>"_s);
        QCOMPARE(at(1, LogModel::MessageColumn).toString(), u"red\tx\u2407"_s);
        QCOMPARE(at(2, LogModel::MessageColumn).toString(), u"a\\xff\u2400"_s);
        // The raw role gives back the exact bytes.
        QCOMPARE(at(1, LogModel::MessageColumn, LogModel::RawRole).toByteArray(),
                 QByteArray("\x1b[31mred\x1b[0m\tx\x07"));
        QCOMPARE(at(2, LogModel::MessageColumn, LogModel::RawRole).toByteArray(), QByteArray("a\xff\0", 3));
        QCOMPARE(at(0, LogModel::StreamColumn).toString(), u"stderr"_s);
        QCOMPARE(at(3, LogModel::StreamColumn).toString(), u"stdout"_s);
        QCOMPARE(at(0, LogModel::StreamColumn, LogModel::RawRole).toInt(), int(LogStreamKind::Stderr));
        QCOMPARE(at(0, LogModel::ContainerColumn).toString(), u"web-1"_s);
        QCOMPARE(at(0, LogModel::TimeColumn, LogModel::RawRole).toLongLong(), kBaseNs);
        QCOMPARE(at(3, LogModel::MessageColumn, LogModel::TimestampNsRole).toLongLong(), kBaseNs + 5);
        QCOMPARE(at(0, LogModel::TimeColumn, Qt::ToolTipRole).toString(),
                 u"2025-11-29T05:04:10.206123456Z (UTC)"_s);
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(kBaseNs / 1'000'000);
        QCOMPARE(at(0, LogModel::TimeColumn).toString(), local.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s));
        QVERIFY(at(0, LogModel::TimeColumn).toString().endsWith(u".206"_s));
        QCOMPARE(at(0, LogModel::MessageColumn, Qt::ForegroundRole).value<QColor>(),
                 dockpulse::ui::StatusColors::stderrText(QGuiApplication::palette()));
        QVERIFY(!at(3, LogModel::MessageColumn, Qt::ForegroundRole).isValid());
        const auto styled =
            at(1, LogModel::MessageColumn, LogModel::DisplayLineRole).value<dockpulse::ui::DisplayLine>();
        QCOMPARE(styled.text, u"red\tx\u2407"_s);
        QCOMPARE(styled.spans.size(), 1);
    }

    // The pieces of a line cut at the line cap are marked in the stream column, with a tooltip.
    void piecesMarked()
    {
        using dockpulse::docker::LinePiece;
        dockpulse::docker::LogBatch batch;
        batch.append(kBaseNs, LogStreamKind::Stdout, "whole");
        batch.append(kBaseNs + 1, LogStreamKind::Stderr, "a", LinePiece::First);
        batch.append(kBaseNs + 1, LogStreamKind::Stderr, "b", LinePiece::Middle);
        batch.append(kBaseNs + 1, LogStreamKind::Stderr, "c", LinePiece::Last);
        m_store->append(u"t"_s, u"web-1"_s, batch);
        m_model->setTasks({u"t"_s});
        const auto at = [this](int row, int role = Qt::DisplayRole) {
            return m_model->index(row, LogModel::StreamColumn).data(role);
        };
        QCOMPARE(at(0).toString(), u"stdout"_s);
        QCOMPARE(at(1).toString(), u"stderr \u21b4"_s);
        QCOMPARE(at(2).toString(), u"\u21b3 stderr \u21b4"_s);
        QCOMPARE(at(3).toString(), u"\u21b3 stderr"_s);
        for (int row = 0; row < 4; ++row)
            QCOMPARE(at(row, LogModel::PieceRole).toInt(), row);
        QVERIFY(at(0, Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(at(1, Qt::ToolTipRole).toString().contains(u"next stderr row"_s));
        QVERIFY(at(3, Qt::ToolTipRole).toString().contains(u"previous stderr row"_s));
        // The message itself is the piece's text, unmarked: copying it gives the bytes.
        QCOMPARE(m_model->index(2, LogModel::MessageColumn).data().toString(), u"b"_s);
    }

    // A 100 KB line: the display cache keeps its start only; the text role still has all of it.
    void longLines()
    {
        const QByteArray line =
            "\x1b[32m" + QByteArray(60'000, 'g') + "\x1b[0m" + QByteArray(40'000, 'p') + "\xff";
        m_store->append(u"t"_s, {}, batchOf({line}));
        m_model->setTasks({u"t"_s});
        const QModelIndex index = m_model->index(0, LogModel::MessageColumn);
        const auto shown = index.data(LogModel::DisplayLineRole).value<dockpulse::ui::DisplayLine>();
        QCOMPARE(shown.text.size(), 2048);
        QCOMPARE(shown.spans.size(), 1);
        QCOMPARE(shown.spans.first().start, 0);
        QCOMPARE(shown.spans.first().length, 2048);
        const QString full = index.data().toString();
        QCOMPARE(full.size(), 100'004);
        QVERIFY(full.startsWith(shown.text));
        QVERIFY(full.endsWith(u"p\\xff"_s));
        QCOMPARE(index.data(LogModel::RawRole).toByteArray(), line);
    }

    void serials()
    {
        m_store->setRetention(5);
        m_model->setTasks({u"t"_s});
        m_store->append(u"t"_s, {}, numbered("l", 0, 5));
        m_model->flush();
        const qint64 serialOfL3 = m_model->rowSerial(3);
        m_store->append(u"t"_s, {}, numbered("l", 5, 2));
        m_model->flush();
        QCOMPARE(m_model->rowOfSerial(serialOfL3), 1);
        QCOMPARE(m_model->messageText(m_model->rowOfSerial(serialOfL3)), u"l3"_s);
        QCOMPARE(m_model->rowOfSerial(m_model->rowSerial(0) - 1), -1);
        QCOMPARE(m_model->rowOfSerial(m_model->rowSerial(4) + 1), -1);
    }

    // Many flushes with random trims and task switches; the tester checks every signal.
    void randomizedWithTester()
    {
        QRandomGenerator rng(77);
        m_store->setRetention(50);
        const QStringList tasks{u"a"_s, u"b"_s, u"c"_s};
        QHash<QString, qint64> next;
        m_model->setTasks({u"a"_s, u"b"_s});
        for (int step = 0; step < 400; ++step) {
            const int what = int(rng.bounded(20));
            if (what < 14) {
                const QString task = tasks.at(rng.bounded(3));
                const qint64 n = rng.bounded(1, 30);
                m_store->append(task, task, numbered(task.toLatin1(), next[task], n));
                next[task] += n;
            } else if (what < 17) {
                m_model->flush();
            } else if (what == 17) {
                m_store->setRetention(rng.bounded(10, 80));
            } else if (what == 18) {
                QStringList pick;
                for (const QString& t : tasks) {
                    if (rng.bounded(2))
                        pick.append(t);
                }
                m_model->setTasks(pick);
            } else {
                m_store->clearTask(tasks.at(rng.bounded(3)));
            }
            if (!m_model->hasPendingChanges()) {
                // Settled: every row is available and each task's lines are in order.
                QHash<QString, qint64> last;
                for (int row = 0; row < m_model->rowCount(); ++row) {
                    QVERIFY(m_model->isLineAvailable(row));
                    const QString task = m_model->index(row, 0).data(LogModel::TaskRole).toString();
                    const qint64 n = m_model->messageText(row).mid(1).toLongLong();
                    QVERIFY(n > last.value(task, -1));
                    last[task] = n;
                }
                QVERIFY(m_model->rowCount() <= m_store->retention());
            }
        }
    }

private:
    std::unique_ptr<LogStore> m_store;
    std::unique_ptr<LogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestLogModel)
#include "tst_logmodel.moc"
