#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QRegularExpression>
#include <QStringMatcher>
#include <QTimer>

#include <deque>

namespace dockpulse::ui {

class LogModel;

// Find in the log: which rows' messages (as displayed) match a plain or regular-expression
// pattern, and which match is current. Rows are scanned in time slices on the event loop, so a
// search over 100,000 lines never freezes the window; new rows are scanned as they arrive and
// matches leave with the rows the model drops. Matches are kept as row serials (LogModel).
class LogSearch : public QObject
{
    Q_OBJECT
public:
    struct Range
    {
        int start;
        int length;
    };

    explicit LogSearch(LogModel& model, QObject* parent = nullptr);

    void setQuery(const QString& pattern, bool regex, bool caseSensitive);
    QString pattern() const { return m_pattern; }
    bool isRegex() const { return m_regex; }
    bool isCaseSensitive() const { return m_caseSensitive; }
    // Non-empty pattern that compiles.
    bool isActive() const { return m_active; }
    // Why the regular expression does not compile; empty otherwise.
    QString errorString() const { return m_error; }

    qsizetype matchCount() const { return qsizetype(m_matches.size()); }
    bool isScanning() const { return m_scanTimer.isActive(); }
    // How much of the rows the scan has covered, 0..100 (100 when it is not scanning).
    int scannedPercent() const;
    // Serials below this are scanned: the matches among them are known.
    qint64 scannedSerial() const { return m_scanned; }
    // Serial of the current match, -1 if none.
    qint64 currentSerial() const { return m_current; }
    // A match with a serial in [from, to) among those found so far.
    bool hasMatchIn(qint64 from, qint64 to) const;
    // Scans the remaining rows now (tests, and before a count must be exact).
    void finishScan();
    QList<int> matchRows() const;
    bool rowMatches(int row) const;

    // 0-based position of the current match among the matches, -1 if none.
    qsizetype currentIndex() const;
    int currentRow() const;
    // Moves to the next match after the current one (or the first at/after `anchorRow` when there
    // is none), wrapping around; returns its row, -1 if there are no matches.
    int findNext(int anchorRow = -1);
    // The last match before the current one (or at/before `anchorRow`), wrapping around.
    int findPrevious(int anchorRow = -1);

    // Where the pattern matches inside one displayed text (non-empty matches), for highlighting.
    QList<Range> matchRanges(const QString& text) const;

    // Longest time one scan slice may take on the event loop.
    void setSliceBudgetMs(int ms) { m_sliceBudgetMs = ms; }

Q_SIGNALS:
    // Matches, the current match, the error or the scan state changed.
    void changed();
    // What a painted row looks like changed: the pattern or the current match.
    void highlightsChanged();

private:
    bool matches(const QString& text) const;
    void restart();
    void scanSlice();
    void onRowsRemoved();
    void setCurrentSerial(qint64 serial);

    LogModel& m_model;
    QString m_pattern;
    bool m_regex = false;
    bool m_caseSensitive = false;
    bool m_active = false;
    QString m_error;
    QStringMatcher m_matcher;
    QRegularExpression m_expression;

    std::deque<qint64> m_matches; // row serials, ascending
    qint64 m_current = -1;        // serial of the current match
    qint64 m_scanned = 0;         // serials below this are scanned
    QTimer m_scanTimer;
    int m_sliceBudgetMs = 8;
};

} // namespace dockpulse::ui
