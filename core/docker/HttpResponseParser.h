#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>
#include <utility>

namespace dockpulse::docker {

// An incremental, total HTTP/1.1 response parser: feed it bytes in pieces of any size, it
// reports the status, the headers and the body (de-chunked) as they become complete.
// Malformed input moves it into the Error state with a message; it never reads outside the
// bytes it is given and every call makes progress or stops.
class HttpResponseParser
{
public:
    enum class State
    {
        StatusLine,
        Headers,
        Body,
        Complete,
        Error
    };

    struct Limits
    {
        qsizetype maxHeaderBytes = 64 * 1024; // status line + headers (and, separately, trailers)
        qsizetype maxChunkSizeLine = 4 * 1024;
    };

    using Header = std::pair<QByteArray, QByteArray>; // name as sent, value trimmed
    // Receives decoded body bytes; the view is valid only during the call.
    using BodyHandler = std::function<void(QByteArrayView)>;

    HttpResponseParser() = default;
    explicit HttpResponseParser(Limits limits) : m_limits(limits) {}

    // When no handler is set, the body is collected and available from body().
    void setBodyHandler(BodyHandler handler) { m_bodyHandler = std::move(handler); }
    // For a response to HEAD: headers only, whatever Content-Length says.
    void setNoBodyExpected(bool noBody) { m_noBodyExpected = noBody; }

    // Consumes bytes. Returns how many were used: all of them, unless the response became
    // Complete (the rest belongs to whatever follows) or the parser entered Error.
    qsizetype feed(QByteArrayView bytes);
    // The peer closed the connection: completes a close-delimited body; anything else that
    // was still incomplete becomes an Error ("connection closed before ...").
    void finish();

    State state() const { return m_state; }
    bool headersComplete() const { return m_state == State::Body || m_state == State::Complete; }
    bool isComplete() const { return m_state == State::Complete; }
    bool hasError() const { return m_state == State::Error; }
    QString errorString() const { return m_error; }

    int statusCode() const { return m_status; }
    QByteArray reasonPhrase() const { return m_reason; }
    const QList<Header>& headers() const { return m_headers; }
    // Case-insensitive lookup of the first header with that name; empty if absent.
    QByteArray header(QByteArrayView name) const;
    bool isChunked() const { return m_bodyMode == BodyMode::Chunked; }
    // The collected body when no handler is set.
    const QByteArray& body() const { return m_body; }
    // Bytes of body delivered so far (decoded).
    qint64 bodyBytes() const { return m_bodyBytes; }

private:
    enum class BodyMode
    {
        None,
        ContentLength,
        Chunked,
        UntilClose
    };
    enum class ChunkState
    {
        Size,
        Data,
        DataEnd,
        Trailers
    };

    struct LineTake
    {
        qsizetype used = 0;   // bytes of the input taken
        bool done = false;    // the line is complete (ends with '\n')
        bool tooLong = false; // the line exceeds the budget: `used` ends at the first byte past it
        QByteArrayView line;  // when done: the whole line, including its end
    };
    // Collects one line (up to and including '\n') into m_line, or views it in place when it lies
    // wholly within `bytes`. A line too long is detected at the same byte however the input is
    // split, so the count of bytes used before an error does not depend on how reads arrived.
    LineTake takeLine(QByteArrayView bytes, qsizetype budget);
    qsizetype feedHead(QByteArrayView bytes);
    bool checkLine(QByteArrayView line, const char* where);
    bool parseStatusLine(QByteArrayView line);
    bool parseFieldLine(QByteArrayView line, const char* kind, QByteArrayView& name, QByteArrayView& value);
    bool endHead();
    bool beginBody();
    qsizetype feedBody(QByteArrayView bytes);
    qsizetype feedChunked(QByteArrayView bytes);
    bool parseChunkSize(QByteArrayView line);
    void deliver(QByteArrayView bytes);
    void fail(const QString& message);

    Limits m_limits;
    BodyHandler m_bodyHandler;
    bool m_noBodyExpected = false;

    State m_state = State::StatusLine;
    QString m_error;
    int m_status = 0;
    QByteArray m_reason;
    QList<Header> m_headers;
    QByteArray m_line;           // a line split across feeds (status, header, chunk size, trailer)
    qsizetype m_headerBytes = 0; // of the header (or trailer) section so far, terminators included

    BodyMode m_bodyMode = BodyMode::None;
    ChunkState m_chunkState = ChunkState::Size;
    qint64 m_remaining = 0; // of the Content-Length body or of the current chunk
    qint64 m_bodyBytes = 0;
    QByteArray m_body;
    bool m_sawChunkCR = false; // the CR of the CRLF that ends chunk data
};

} // namespace dockpulse::docker
