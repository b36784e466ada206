#include "LogReader.h"

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

using docker::EngineError;
using docker::HttpExchange;
using docker::LogFrameDecoder;

std::atomic<int> LogReader::s_live{0};
std::atomic<int> LogReader::s_late{0};

LogReader::LogReader(const docker::DockerClient& client, Options options, LogStreamConsumer& consumer,
                     QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_consumer(consumer),
      m_decoder(m_options.tty ? LogFrameDecoder::Framing::Raw : LogFrameDecoder::Framing::Multiplexed)
{
    m_exchange = client.logs(m_options.containerId, m_options.request, this);
    m_exchange->setBodyHandler([this](QByteArrayView bytes) { onBody(bytes); });
    connect(m_exchange, &HttpExchange::headersReceived, this, [this] {
        if (!m_ended && m_exchange->statusCode() >= 200 && m_exchange->statusCode() < 300) {
            m_opened = true;
            Q_EMIT opened();
        }
    });
    connect(m_exchange, &HttpExchange::readProcessed, this, [this] {
        if (!m_ended)
            m_consumer.onChunkDecoded();
    });
    connect(m_exchange, &HttpExchange::finished, this, &LogReader::onExchangeFinished);

    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        // The read deadline: end this stream cleanly, whatever it is doing.
        m_ending = EndReason::Deadline;
        m_ourAbort = true;
        m_exchange->abort(u"read deadline reached"_s);
    });
    m_safetyNet.setSingleShot(true);
    m_safetyNet.setTimerType(Qt::PreciseTimer);
    connect(&m_safetyNet, &QTimer::timeout, this, [this] {
        // Only reached if the reader did not end at its deadline: tear it down.
        m_ending = EndReason::SafetyNet;
        m_ourAbort = true;
        if (m_exchange)
            m_exchange->abort(u"context timeout reached"_s);
        end(EndReason::SafetyNet, {});
    });
}

LogReader::~LogReader()
{
    if (m_started && !m_ended)
        s_live.fetch_sub(1, std::memory_order_relaxed);
}

void LogReader::start()
{
    if (m_started)
        return;
    m_started = true;
    s_live.fetch_add(1, std::memory_order_relaxed);
    countIfLate();
    m_deadline.start(int(m_options.readDeadlineMs));
    m_safetyNet.start(int(m_options.contextTimeoutMs));
    m_exchange->start();
}

void LogReader::countIfLate()
{
    if (m_countedLate || !m_options.task || !m_options.task->hasEnded())
        return;
    m_countedLate = true;
    s_late.fetch_add(1, std::memory_order_relaxed);
}

void LogReader::stop()
{
    if (m_ended || !m_started)
        return;
    m_ending = EndReason::Stopped;
    m_ourAbort = true;
    m_exchange->abort(u"stopped"_s);
    // Ended when stop() returns, whatever the abort did: nothing more reaches the consumer.
    end(EndReason::Stopped, {});
}

void LogReader::onBody(QByteArrayView bytes)
{
    if (m_ended)
        return;
    m_bytes += bytes.size();
    if (!m_decoder.feed(bytes, m_consumer)) {
        m_consumer.onChunkDecoded();
        m_ending = EndReason::Error;
        m_ourAbort = true;
        m_endError = EngineError::make(EngineError::Kind::Protocol, m_exchange->endpoint().url(),
                                       u"malformed log stream: %1"_s.arg(m_decoder.errorString()));
        m_exchange->abort();
        return;
    }
}

void LogReader::onExchangeFinished()
{
    if (m_ended)
        return;
    if (m_ourAbort) {
        // The deadline or a stop ended it. A stream that never opened by its deadline means
        // the engine is not answering.
        EngineError error = m_endError;
        if (m_ending == EndReason::Deadline && !m_opened)
            error = EngineError::make(EngineError::Kind::Timeout, m_exchange->endpoint().url(),
                                      u"the engine did not answer within the read deadline (%1 ms)"_s.arg(
                                          m_options.readDeadlineMs));
        end(m_ending, error);
        return;
    }
    if (m_exchange->succeeded()) {
        // The engine ended the stream: the container stopped. Raw text without a newline at
        // the very end is the container's last line.
        if (!m_decoder.finish(m_consumer)) {
            m_consumer.onChunkDecoded();
            end(EndReason::Error,
                EngineError::make(EngineError::Kind::Protocol, m_exchange->endpoint().url(),
                                  u"log stream ended mid-frame: %1"_s.arg(m_decoder.errorString())));
            return;
        }
        m_consumer.onChunkDecoded();
        end(EndReason::Eof, {});
        return;
    }
    end(EndReason::Error, m_exchange->error());
}

void LogReader::end(EndReason reason, const EngineError& error)
{
    if (m_ended)
        return;
    m_ended = true;
    m_deadline.stop();
    m_safetyNet.stop();
    if (m_started)
        s_live.fetch_sub(1, std::memory_order_relaxed);
    Q_EMIT ended(reason, error);
}

} // namespace dockpulse::monitor
