#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace dockpulse::ui {

// The find row above the log: pattern, match case, regular expression, previous/next, the
// "3 of 120" count and, for a pattern that does not compile, the error inline. Enter finds the
// next match, Shift+Enter the previous one, Escape clears the pattern.
class LogSearchBar : public QWidget
{
    Q_OBJECT
public:
    explicit LogSearchBar(QWidget* parent = nullptr);

    QString pattern() const;
    bool isRegex() const;
    bool isCaseSensitive() const;
    void setQuery(const QString& pattern, bool regex, bool caseSensitive);
    void focusSearch(); // focuses the field and selects its text

    // current: 0-based index of the current match or -1; scanning: the count is still growing.
    void setStatus(qsizetype current, qsizetype count, bool scanning, bool active, const QString& error);
    // While a find next/previous waits for the scan: "Searching… 40%" in place of the count.
    void showSearching(int percent);
    QString statusText() const;
    QString errorText() const;

    QLineEdit* lineEdit() const { return m_edit; }

Q_SIGNALS:
    void queryChanged();
    void nextRequested();
    void previousRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateErrorColor();

    QLineEdit* m_edit;
    QToolButton* m_case;
    QToolButton* m_regex;
    QToolButton* m_previous;
    QToolButton* m_next;
    QLabel* m_status;
    QLabel* m_error;
};

} // namespace dockpulse::ui
