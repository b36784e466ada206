#include "ExportFolderChooser.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace dockpulse::ui::ExportFolderChooser {

namespace {
const QString kLastKey = u"ui/lastExportDir"_s;
} // namespace

QString suggestedName(const QDateTime& now)
{
    return u"dockpulse-export-"_s + now.toString(u"yyyy-MM-dd_HH-mm-ss"_s);
}

QString startFolder(const QString& lastParent)
{
    if (!lastParent.isEmpty() && QFileInfo(lastParent).isDir())
        return lastParent;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QFileInfo(documents).isDir())
        return documents;
    return QDir::homePath();
}

QString prepare(const QString& folder)
{
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        return u"cannot export into %1: it is a file, not a folder"_s.arg(QDir::toNativeSeparators(folder));
    if (!info.exists() && !QDir().mkpath(folder))
        return u"cannot create the folder %1"_s.arg(QDir::toNativeSeparators(folder));
    return {};
}

QString choose(QWidget* parent, QSettings& store, QString* error)
{
    const QString start = startFolder(store.value(kLastKey).toString());
    const QString suggested = QDir(start).filePath(suggestedName(QDateTime::currentDateTime()));
    const QString folder =
        QFileDialog::getSaveFileName(parent, QFileDialog::tr("Export CSV into a new folder"), suggested,
                                     QString(), nullptr, QFileDialog::DontConfirmOverwrite);
    if (folder.isEmpty())
        return {};
    if (const QString e = prepare(folder); !e.isEmpty()) {
        if (error)
            *error = e;
        return {};
    }
    store.setValue(kLastKey, QFileInfo(folder).absolutePath());
    return folder;
}

} // namespace dockpulse::ui::ExportFolderChooser
