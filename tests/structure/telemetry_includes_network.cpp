// Against the arrows: the OpenMetrics text and the health verdict are pure logic, no sockets.
#include <QTcpServer>
