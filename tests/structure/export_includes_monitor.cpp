// Against the arrows: export writes records, it does not drive monitors.
#include "ContainerMonitor.h"
