#include "ExportProgress.h"

#include "ExportJob.h"

#include <QLocale>
#include <QProgressDialog>

namespace dockpulse::ui {

void startExportWithProgress(QWidget* parent, ExportJob* job, const QString& dir,
                             std::function<void(const QString& error, bool cancelled)> done)
{
    auto* dialog = new QProgressDialog(QObject::tr("Exporting CSV into %1…").arg(dir), QObject::tr("Cancel"),
                                       0, 1000, parent);
    dialog->setObjectName(QStringLiteral("exportProgress"));
    dialog->setWindowTitle(QObject::tr("Export CSV"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(400);
    dialog->setAutoReset(false);
    dialog->setAutoClose(false);
    dialog->setValue(0);
    QObject::connect(job, &ExportJob::progress, dialog, [dialog](qint64 written, qint64 total) {
        const QLocale locale;
        dialog->setLabelText(QObject::tr("Writing logs.csv: %1 of %2 lines")
                                 .arg(locale.toString(written), locale.toString(total)));
        dialog->setValue(total > 0 ? int(written * 1000 / total) : 0);
    });
    QObject::connect(dialog, &QProgressDialog::canceled, job, &ExportJob::cancel);
    QObject::connect(job, &ExportJob::finished, dialog,
                     [dialog, done = std::move(done)](const QString& error, bool cancelled) {
                         dialog->hide();
                         dialog->deleteLater();
                         done(error, cancelled);
                     });
    job->start(dir);
}

} // namespace dockpulse::ui
