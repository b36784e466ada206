// File → Export CSV's folder: a timestamped new folder suggested where the last export went.
#include "ExportFolderChooser.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
namespace chooser = dockpulse::ui::ExportFolderChooser;

class TstExportFolder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void suggestsATimestampedName()
    {
        const QDateTime t(QDate(2026, 12, 1), QTime(9, 5, 7));
        QCOMPARE(chooser::suggestedName(t), u"dockpulse-export-2026-12-01_09-05-07"_s);
        // Nothing a file system refuses (no ':' as in a plain ISO time).
        QVERIFY(!chooser::suggestedName(QDateTime::currentDateTime())
                     .contains(QRegularExpression(u"[:/\\\\ ]"_s)));
        QVERIFY(chooser::suggestedName(t) < chooser::suggestedName(t.addSecs(1))); // sorts by time
    }
    void startsWhereTheLastExportWent()
    {
        QTemporaryDir tmp;
        QCOMPARE(chooser::startFolder(tmp.path()), tmp.path());
        const QString gone = tmp.filePath(u"gone"_s);
        const QString fallback = chooser::startFolder(gone);
        QVERIFY(fallback != gone);
        QVERIFY(QFileInfo(fallback).isDir());
        QVERIFY(QFileInfo(chooser::startFolder(QString())).isDir());
    }
    void preparesTheFolder()
    {
        QTemporaryDir tmp;
        const QString fresh = tmp.filePath(u"a/new-folder"_s);
        QCOMPARE(chooser::prepare(fresh), QString());
        QVERIFY(QFileInfo(fresh).isDir());
        QCOMPARE(chooser::prepare(fresh), QString()); // an existing folder is fine
        QFile file(tmp.filePath(u"file"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString error = chooser::prepare(file.fileName());
        QVERIFY2(error.contains(u"not a folder"_s), qPrintable(error));
    }
};

QTEST_MAIN(TstExportFolder)
#include "tst_exportfolder.moc"
