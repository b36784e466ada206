// Against the arrows: core is QtCore and QtNetwork only, never widgets.
#include <QWidget>
