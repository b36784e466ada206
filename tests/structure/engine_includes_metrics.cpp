// Against the arrows: the engine may not see the HTTP endpoint that reads it (metrics -> engine).
#include "ScrapeServer.h"
