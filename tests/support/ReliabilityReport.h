#pragma once

#include <QFile>
#include <QString>

namespace dockpulse::test {

// One row of docs/RELIABILITY.md: what was injected, what the program did, lines lost and
// repeated, readers leaked, time to recover. scripts/reliability.sh sets the output file and
// turns the rows into the table; without it nothing is written.
inline void reportFault(const QString& fault, const QString& outcome, qsizetype lost, qsizetype repeated,
                        int leakedReaders, qint64 recoverMs)
{
    const QString path = qEnvironmentVariable("DOCKPULSE_RELIABILITY_OUT");
    if (path.isEmpty())
        return;
    QFile f(path);
    if (f.open(QIODevice::Append))
        f.write(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\n")
                    .arg(fault, outcome)
                    .arg(lost)
                    .arg(repeated)
                    .arg(leakedReaders)
                    .arg(recoverMs)
                    .toUtf8());
}

// Lines of `want` missing from `got`, and lines of `got` beyond their count in `want`.
inline std::pair<qsizetype, qsizetype> lostAndRepeated(const QList<QByteArray>& got,
                                                       const QList<QByteArray>& want)
{
    QHash<QByteArray, qsizetype> counts;
    for (const QByteArray& w : want)
        ++counts[w];
    qsizetype repeated = 0;
    for (const QByteArray& g : got) {
        auto it = counts.find(g);
        if (it == counts.end() || it.value() == 0)
            ++repeated;
        else
            --it.value();
    }
    qsizetype lost = 0;
    for (qsizetype c : std::as_const(counts))
        lost += c;
    return {lost, repeated};
}

} // namespace dockpulse::test
