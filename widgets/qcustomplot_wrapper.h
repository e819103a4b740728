// SPDX-License-Identifier: MIT
// The one place that includes Debian's qcustomplot.h. It uses the lower-case Qt keywords
// `signals:` and `foreach`, which QT_NO_KEYWORDS disables project-wide; map them here.
#pragma once

#include <QtGlobal>

#ifndef signals
#define signals Q_SIGNALS
#define QL_UNDEF_SIGNALS
#endif
#ifndef foreach
#define foreach Q_FOREACH
#define QL_UNDEF_FOREACH
#endif

#include <qcustomplot.h>

#ifdef QL_UNDEF_SIGNALS
#undef signals
#undef QL_UNDEF_SIGNALS
#endif
#ifdef QL_UNDEF_FOREACH
#undef foreach
#undef QL_UNDEF_FOREACH
#endif
