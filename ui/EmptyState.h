#pragma once

#include <QLabel>

#include <functional>

class QAbstractItemView;

namespace dockpulse::ui {

// The line an empty table shows in its middle, saying why it is empty ("No containers match
// “x”", "No data yet: monitor a container"). It follows the view's model: shown while the model
// has no rows, with the text reason() gives at that moment; refresh() after anything else that
// changes the reason (a filter's text).
class EmptyState : public QLabel
{
    Q_OBJECT
public:
    EmptyState(QAbstractItemView* view, std::function<QString()> reason);

    void refresh();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void place();

    QAbstractItemView* m_view;
    std::function<QString()> m_reason;
};

} // namespace dockpulse::ui
