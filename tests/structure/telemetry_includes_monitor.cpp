// Against the arrows: telemetry may not see the monitor (it reads records only).
#include "TaskManager.h"
