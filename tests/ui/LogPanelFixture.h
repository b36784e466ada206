#pragma once

#include "LogModel.h"
#include "LogPanel.h"
#include "LogStore.h"

#include <QTest>

#include <memory>

namespace dockpulse::test {

// A log panel over a store of `capacity` lines, shown at 900 x 300 and exposed; its model is
// flushed by hand (the flush interval is a minute). False if the window was not exposed.
inline bool showLogPanel(std::unique_ptr<ui::LogStore>& store, std::unique_ptr<ui::LogPanel>& panel,
                         qsizetype capacity)
{
    store = std::make_unique<ui::LogStore>(capacity);
    panel = std::make_unique<ui::LogPanel>(*store);
    panel->model()->setFlushInterval(60'000);
    panel->resize(900, 300);
    panel->show();
    return QTest::qWaitForWindowExposed(panel.get());
}

} // namespace dockpulse::test
