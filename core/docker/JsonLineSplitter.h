#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace dockpulse::docker {

// Splits newline-delimited JSON that arrives in arbitrary pieces (the bodies of GET /events and
// of GET /containers/{id}/stats?stream=1) into whole lines. A line longer than maxLine is dropped
// up to its newline and reported once: one runaway answer must not grow memory without bound.
class JsonLineSplitter
{
public:
    explicit JsonLineSplitter(qsizetype maxLine) : m_maxLine(maxLine) {}

    // Calls line() for each complete line that is not blank (trimmed), tooLong() for each dropped.
    void feed(QByteArrayView bytes, const std::function<void(QByteArrayView)>& line,
              const std::function<void()>& tooLong);
    void reset()
    {
        m_carry.clear();
        m_skipping = false;
    }

private:
    const qsizetype m_maxLine;
    QByteArray m_carry;
    bool m_skipping = false; // inside an over-long line, dropping until its newline
};

} // namespace dockpulse::docker
