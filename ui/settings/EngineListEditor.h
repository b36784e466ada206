#pragma once

#include "Endpoint.h"

#include <QStringList>
#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace dockpulse::ui {

// The settings dialog's list of engine URLs: add (typed, or a docker context's endpoint), edit in
// place, remove. Every URL is checked with parseEndpoint() as it changes, and the problem is
// shown under the list, in our words.
class EngineListEditor : public QWidget
{
    Q_OBJECT
public:
    // A docker context's name to its engine, or the reason it has none.
    using ContextLookup = std::function<Expected<docker::Endpoint, QString>(const QString& name)>;

    // dockerContexts: names for the "Add docker context" menu (EndpointResolver::contextNames()).
    explicit EngineListEditor(const QStringList& dockerContexts, QWidget* parent = nullptr);

    void setHosts(const QStringList& hosts);
    // The listed URLs, plus the one typed in the edit when it is valid and new: a URL typed but
    // not yet added is what the user means when they press OK.
    QStringList hosts() const;
    // One sentence per problem; empty when every URL (and the one being typed) is usable.
    QStringList errors() const;

    // Replaces how context names become URLs (by default: EndpointResolver on the system
    // environment and home folder). For tests.
    void setContextLookup(ContextLookup lookup);

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void addTyped();
    void addContext(const QString& name);
    void removeSelected();
    // Re-checks every URL, marks the bad ones, refreshes the message and the buttons.
    void revalidate();
    // The problem with url, or empty; index: its row (-1 for the typed one), to spot duplicates.
    QString problemWith(const QString& url, int index) const;

    QListWidget* m_list = nullptr;
    QLineEdit* m_edit = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_contexts = nullptr;
    QLabel* m_message = nullptr;
    ContextLookup m_lookup;
    QString
        m_contextProblem; // about the last context picked (not added, or a TLS note); cleared by any change
    bool m_updating = false;
};

} // namespace dockpulse::ui
