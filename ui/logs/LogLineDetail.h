#pragma once

#include <QByteArrayView>
#include <QString>

namespace dockpulse::ui::LogLineDetail {

// A whole log line as the detail pane shows it: a JSON object or array pretty-printed (two-space
// indent, keys in their order), anything else the line's plain text (LogLineText), whole.
// `isJson` (optional) says which it was.
QString text(QByteArrayView bytes, bool* isJson = nullptr);

} // namespace dockpulse::ui::LogLineDetail
