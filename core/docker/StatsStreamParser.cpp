#include "StatsStreamParser.h"

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

void StatsStreamParser::feed(QByteArrayView bytes, Output& out)
{
    m_lines.feed(
        bytes,
        [&](QByteArrayView line) {
            auto sample = parseStatsSample(line);
            if (sample)
                out.samples.append(std::move(sample).value());
            else
                out.errors.append(sample.error());
        },
        [&] { out.errors.append(u"a stats sample longer than %1 bytes was skipped"_s.arg(kMaxLine)); });
}

} // namespace dockpulse::docker
