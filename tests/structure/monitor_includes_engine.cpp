// Against the arrows: the monitor is composed by the engine facade, never the reverse.
#include "MonitorEngine.h"
