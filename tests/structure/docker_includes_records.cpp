// Against the arrows: the engine client knows nothing of what the monitor records.
#include "Records.h"
