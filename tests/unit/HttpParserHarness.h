#pragma once

// Feeds one response to HttpResponseParser in every way that should not matter (whole, split in
// two at each boundary, byte by byte, with and without a body handler) and reports the first
// way whose outcome differs.

#include "HttpResponseParser.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace dockpulse::test {

using dockpulse::docker::HttpResponseParser;
using namespace Qt::StringLiterals;

// What a parse produced, comparable across the ways of feeding the same bytes.
struct ParseResult
{
    HttpResponseParser::State state = HttpResponseParser::State::StatusLine;
    QString error;
    int status = 0;
    QByteArray reason;
    QList<HttpResponseParser::Header> headers;
    bool chunked = false;
    QByteArray body;
    qint64 bodyBytes = 0;
    qint64 consumed = 0; // also on Error: the error is found at the same byte however it was cut

    bool operator==(const ParseResult&) const = default;
};

struct ParseOptions
{
    HttpResponseParser::Limits limits;
    bool noBody = false;
    bool finish = false; // call finish() after the last piece, as when the peer closes
    bool useHandler = false;
};

inline QString describe(const ParseResult& r)
{
    static const char* const names[] = {"StatusLine", "Headers", "Body", "Complete", "Error"};
    return u"state=%1 status=%2 headers=%3 chunked=%4 body=%5 consumed=%6 error=\"%7\""_s
        .arg(QLatin1String(names[int(r.state)]))
        .arg(r.status)
        .arg(r.headers.size())
        .arg(r.chunked)
        .arg(r.bodyBytes)
        .arg(r.consumed)
        .arg(r.error);
}

// Parses `input` cut at the sorted positions `cuts`. Each piece is its own allocation so that a
// sanitizer build catches any read past it. Contract violations go to `problem`.
inline ParseResult parsePieces(const QByteArray& input, const QList<qsizetype>& cuts,
                               const ParseOptions& options, QString& problem)
{
    HttpResponseParser parser(options.limits);
    parser.setNoBodyExpected(options.noBody);
    QByteArray handled;
    QByteArrayView piece;
    if (options.useHandler) {
        parser.setBodyHandler([&](QByteArrayView view) {
            // Zero copy: what the handler sees must lie inside the bytes being fed.
            if (view.isEmpty() || view.data() < piece.data() ||
                view.data() + view.size() > piece.data() + piece.size())
                problem = u"body handler got a view outside the fed bytes (or an empty one)"_s;
            handled.append(view);
        });
    }

    ParseResult r;
    qsizetype start = 0;
    QList<qsizetype> ends = cuts;
    ends.append(input.size());
    for (const qsizetype end : std::as_const(ends)) {
        const QByteArray copy = input.mid(start, end - start);
        piece = copy;
        const qsizetype used = parser.feed(copy);
        if (used < 0 || used > copy.size())
            problem = u"feed() returned %1 for %2 bytes"_s.arg(used).arg(copy.size());
        else if (used < copy.size() && !parser.isComplete() && !parser.hasError())
            problem = u"feed() left bytes unused while the response was still incomplete"_s;
        r.consumed += used;
        start = end;
    }
    if (options.finish)
        parser.finish();

    r.state = parser.state();
    r.error = parser.errorString();
    r.status = parser.statusCode();
    r.reason = parser.reasonPhrase();
    r.headers = parser.headers();
    r.chunked = parser.isChunked();
    r.body = options.useHandler ? handled : parser.body();
    r.bodyBytes = parser.bodyBytes();
    if (options.useHandler && !parser.body().isEmpty())
        problem = u"body() collected bytes although a handler was set"_s;
    if (r.bodyBytes != r.body.size())
        problem = u"bodyBytes() %1 but %2 bytes delivered"_s.arg(r.bodyBytes).arg(r.body.size());
    if (parser.hasError() == r.error.isEmpty())
        problem = u"errorString() set without Error, or Error without a message"_s;
    return r;
}

// Returns the result of feeding `input` whole; `mismatch` names the first other way of feeding
// it that gave a different result or broke the contract (empty when all agree).
inline ParseResult parseEveryWay(const QByteArray& input, const ParseOptions& options, QString& mismatch)
{
    QString problem;
    const ParseResult whole = parsePieces(input, {}, options, problem);
    if (!problem.isEmpty())
        mismatch = u"whole: "_s + problem;

    const auto check = [&](const QList<qsizetype>& cuts, bool handler, const QString& how) {
        if (!mismatch.isEmpty())
            return;
        ParseOptions o = options;
        o.useHandler = handler;
        QString p;
        const ParseResult r = parsePieces(input, cuts, o, p);
        if (!p.isEmpty())
            mismatch = how + u": "_s + p;
        else if (r != whole)
            mismatch = how + u": "_s + describe(r) + u"\n   whole: "_s + describe(whole);
    };

    check({}, true, u"whole, with a body handler"_s);
    // Every boundary for inputs of a realistic size; a sample of them for the huge ones.
    const qsizetype step = input.size() <= 16 * 1024 ? 1 : input.size() / 1000;
    for (qsizetype i = 1; i < input.size(); i += step) {
        check({i}, false, u"split at %1"_s.arg(i));
        check({i}, true, u"split at %1, with a body handler"_s.arg(i));
    }
    QList<qsizetype> bytewise;
    for (qsizetype i = 1; i < input.size(); ++i)
        bytewise.append(i);
    check(bytewise, false, u"byte by byte"_s);
    check(bytewise, true, u"byte by byte, with a body handler"_s);
    return whole;
}

} // namespace dockpulse::test
